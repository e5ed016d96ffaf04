import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBridge } from '../../bridge/bridge-server';
import { openCore } from '../../open-core';
import { environmentCredentials } from '../../sync/credentials';
import { UsageError } from '../cli-io';
import type { Command, CommandInput } from '../command';

async function actingUserId(open: CommandInput['open']): Promise<string | undefined> {
  const ctx = await open({ workers: 1 });
  try {
    return ctx.callers.current()?.id;
  } finally {
    await ctx.close();
  }
}

/** dist/renderer, beside dist/core where this bundle lives. */
const defaultRendererDir = (): string => fileURLToPath(new URL('../renderer', import.meta.url));

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--user NAME] [--credentials FILE]',
  summary: '在 127.0.0.1 上提供界面和接口（浏览器模式）/ serve the UI and API on 127.0.0.1 for a browser',
  options: { port: { type: 'string' }, renderer: { type: 'string' }, credentials: { type: 'string' } },
  async run({ io, dataDir, values, open }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`bad --port ${String(values.port)}`);
    const rendererDir = (values.renderer as string | undefined) ?? defaultRendererDir();
    if (!existsSync(rendererDir)) throw new UsageError(`界面未构建 / UI not built at ${rendererDir}: run npm run build`);
    // With --user (or HPF_DESK_USER) the password is checked here and the printed link opens
    // already signed in as that user; without, the browser shows the sign-in screen.
    const named = typeof values.user === 'string' || Boolean(process.env.HPF_DESK_USER);
    const signedInUserId = named ? await actingUserId(open) : undefined;
    // Browser mode has no keychain: sync keys come from the environment or a credentials file.
    const credentials = environmentCredentials(values.credentials === undefined ? {} : { file: String(values.credentials) });
    const core = await openCore({ dataDir, credentials });
    const bridge = await startBridge({ core, rendererDir, port, ...(signedInUserId ? { signedInUserId } : {}) });
    io.result({ url: bridge.url, port: bridge.port, data: core.dataDir }, () =>
      [
        '公积金档案工作站 浏览器模式 / HPF Archive Desk browser mode',
        `请在浏览器中打开 / open in a browser: ${bridge.url}`,
        `数据目录 data: ${core.dataDir}`,
        '按 Ctrl+C 停止 / press Ctrl+C to stop',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await bridge.close();
    await core.close();
    return 0;
  },
};
