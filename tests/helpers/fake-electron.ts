import { EventEmitter } from 'node:events';
import type { SafeStorageLike } from '../../electron/main/credential-vault';

/**
 * Stand-ins for the parts of Electron the shell uses, for tests that run without an Electron
 * binary. They record what the shell asked for and let a test play the other side; they hold no
 * logic of their own. `createFakeElectron()` builds one module's worth, with its recorders.
 */

/** Electron's MessagePortMain: 'message' carries `{ data }`, queued until `start()`; closing one end closes both. */
export class FakeMessagePort extends EventEmitter {
  private peer: FakeMessagePort | null = null;
  private started = false;
  private readonly queued: unknown[] = [];
  closed = false;

  static pair(): { port1: FakeMessagePort; port2: FakeMessagePort } {
    const port1 = new FakeMessagePort();
    const port2 = new FakeMessagePort();
    port1.peer = port2;
    port2.peer = port1;
    return { port1, port2 };
  }

  postMessage(data: unknown): void {
    if (!this.closed) this.peer?.deliver(data);
  }

  start(): void {
    this.started = true;
    for (const data of this.queued.splice(0)) this.emit('message', { data });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    this.peer?.close();
  }

  private deliver(data: unknown): void {
    if (this.closed) return;
    if (this.started) this.emit('message', { data });
    else this.queued.push(data);
  }
}

export class FakeMessageChannelMain {
  readonly port1: FakeMessagePort;
  readonly port2: FakeMessagePort;
  constructor() {
    ({ port1: this.port1, port2: this.port2 } = FakeMessagePort.pair());
  }
}

/** Electron's UtilityProcess: records what it is sent (and the ports sent along), replies on demand. */
export class FakeUtilityProcess<Sent = unknown, Reply = unknown> extends EventEmitter {
  readonly sent: Sent[] = [];
  readonly transferred: FakeMessagePort[][] = [];
  pid: number | undefined;
  killed = false;

  constructor(
    readonly modulePath: string,
    readonly options: { readonly serviceName?: string; readonly env?: NodeJS.ProcessEnv } = {},
  ) {
    super();
  }

  postMessage(message: Sent, transfer: FakeMessagePort[] = []): void {
    this.sent.push(message);
    this.transferred.push(transfer);
    this.emit('sent', message, transfer);
  }

  kill(): boolean {
    this.killed = true;
    this.emit('exit', 15);
    return true;
  }

  /** The process is up (Electron's 'spawn' event). */
  spawned(pid: number): void {
    this.pid = pid;
    this.emit('spawn');
  }

  reply(message: Reply): void {
    this.emit('message', message);
  }

  exit(code: number): void {
    this.emit('exit', code);
  }
}

/** A web contents: an emitter with the few methods the shell calls. */
export class FakeWebContents extends EventEmitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: { readonly webPreferences?: Readonly<Record<string, unknown>> }) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return false;
  }
}

type Handler = (...args: never[]) => unknown;

export function createFakeElectron(options: { readonly isPackaged?: boolean } = {}) {
  const forks: FakeUtilityProcess[] = [];
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, Handler>();
  const privilegedSchemes: Array<{ scheme: string; privileges?: Readonly<Record<string, unknown>> }> = [];
  const sessionHandlers: Record<string, Handler> = {};
  const menus: unknown[] = [];
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    paths: new Map<string, string>(),
    getPath(name: string): string {
      return app.paths.get(name) ?? `/fake-electron/${name}`;
    },
    setPath(name: string, value: string): void {
      app.paths.set(name, value);
    },
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    whenReady: () => ready,
  });

  const session = {
    setPermissionRequestHandler: (handler: Handler) => (sessionHandlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Handler) => (sessionHandlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Handler) => (sessionHandlers.devicePermission = handler),
    webRequest: { onHeadersReceived: (handler: Handler) => (sessionHandlers.headersReceived = handler) },
    protocol: { handle: (scheme: string, handler: Handler) => protocolHandlers.set(scheme, handler) },
  };

  const module = {
    app,
    BrowserWindow: Object.assign(
      class extends FakeBrowserWindow {
        constructor(windowOptions: ConstructorParameters<typeof FakeBrowserWindow>[0]) {
          super(windowOptions);
          windows.push(this);
        }
      },
      { getFocusedWindow: () => null },
    ),
    MessageChannelMain: FakeMessageChannelMain,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => menus.push(menu),
    },
    dialog: {},
    ipcMain: {
      handle: (channel: string, handler: Handler) => ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    net: {},
    protocol: { registerSchemesAsPrivileged: (schemes: typeof privilegedSchemes) => privilegedSchemes.push(...schemes) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(text),
      decryptString: (sealed: Buffer) => sealed.toString(),
    },
    session: { defaultSession: session },
    shell: { openExternal: () => Promise.resolve() },
    utilityProcess: {
      fork: (modulePath: string, _args: readonly string[], forkOptions: FakeUtilityProcess['options']) => {
        const proc = new FakeUtilityProcess(modulePath, forkOptions);
        forks.push(proc);
        return proc;
      },
    },
  };

  return { module, app, forks, windows, ipcHandlers, protocolHandlers, privilegedSchemes, sessionHandlers, menus, markReady };
}

/** A stand-in for safeStorage: reversible, and the plain text never appears in its output. */
export function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { calls: number } {
  const key = 0x5a;
  return {
    calls: 0,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(plain) {
      this.calls++;
      return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ key)]);
    },
    decryptString(sealed) {
      if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed.subarray(3).map((b) => b ^ key)).toString('utf8');
    },
  };
}
