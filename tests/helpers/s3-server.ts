import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll } from 'vitest';

export const BUCKET = 'central-archive';
export const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' } as const;

/**
 * A real S3-speaking server (s3rver) on 127.0.0.1 for the sync tests, counting every object
 * created per key, so a test can prove each object arrived exactly once. It can be stopped
 * abruptly (connections cut) and started again on the same port and files.
 */
export class TestS3Server {
  /** ObjectCreated events per key since the server was made. */
  readonly created = new Map<string, number>();
  /** Called as each object is created, before the client hears back (to fail or corrupt things then). */
  afterCreate: ((key: string, count: number) => void) | null = null;
  private server: S3rver | null = null;
  private port = 0;

  private constructor(readonly directory: string) {}

  static async start(): Promise<TestS3Server> {
    const s = new TestS3Server(await mkdtemp(path.join(os.tmpdir(), 'hpf-s3-')));
    await s.resume();
    return s;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    const server = new S3rver({ address: '127.0.0.1', port: this.port, directory: this.directory, silent: true, configureBuckets: [{ name: BUCKET }] });
    server.on('event', (e) => {
      for (const r of e.Records) {
        if (!r.eventName.startsWith('ObjectCreated')) continue;
        const key = r.s3.object.key;
        this.created.set(key, (this.created.get(key) ?? 0) + 1);
        this.afterCreate?.(key, this.created.get(key)!);
      }
    });
    this.port = (await server.run()).port;
    this.server = server;
  }

  /** Stop at once, cutting connections in flight (a server that dies mid-transfer). */
  async halt(): Promise<void> {
    const server = this.server;
    this.server = null;
    server?.httpServer?.closeAllConnections();
    await server?.close();
  }

  /** Path of an object's bytes on the server's disk (to corrupt it behind the server's back). */
  objectFile(key: string): string {
    return path.join(this.directory, BUCKET, `${key}._S3rver_object`);
  }

  /** Flip a byte of a stored object (synchronously, so it can happen inside `afterCreate`). */
  corrupt(key: string): void {
    const file = this.objectFile(key);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] = bytes[Math.floor(bytes.length / 2)]! ^ 0xff;
    writeFileSync(file, bytes);
  }

  /** SHA-256 of an object's bytes as the server holds them, or null when it has none. */
  contentHash(key: string): string | null {
    const file = this.objectFile(key);
    return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
  }

  /**
   * Everything that breaks "each file under `prefix` once, with its content": a file missing or
   * altered, created more often than `times` says (default once), or a key that is not a file.
   * A file may also show no creation: s3rver writes objects in place, so a PUT cut off after its
   * last byte leaves the whole object without ever reporting it; its content is what counts.
   */
  exactlyOnceProblems(prefix: string, files: ReadonlyArray<{ path: string; sha256: string }>, times: Readonly<Record<string, number>> = {}): string[] {
    const created = this.createdUnder(prefix);
    const paths = new Set(files.map((f) => f.path));
    const problems = [...created.keys()].filter((k) => !paths.has(k)).map((k) => `${k}: not a file of the bag`);
    for (const f of files) {
      if (this.contentHash(prefix + f.path) !== f.sha256) problems.push(`${f.path}: missing or altered on the server`);
      const n = created.get(f.path) ?? 0;
      const want = times[f.path];
      if (want !== undefined ? n !== want : n > 1) problems.push(`${f.path}: created ${n} times`);
    }
    return problems;
  }

  /** Creation counts of the objects under a prefix. */
  createdUnder(prefix: string): Map<string, number> {
    return new Map([...this.created].filter(([k]) => k.startsWith(prefix)).map(([k, n]) => [k.slice(prefix.length), n]));
  }

  async stop(): Promise<void> {
    await this.halt();
    await rm(this.directory, { recursive: true, force: true });
  }
}

/**
 * One server for a test file's tests, with the S3 credentials in the environment: `s3server()` is
 * the server while they run.
 */
export function useS3Server(): () => TestS3Server {
  let server: TestS3Server | null = null;
  beforeAll(async () => {
    Object.assign(process.env, CREDENTIALS);
    server = await TestS3Server.start();
  });
  afterAll(() => server?.stop());
  return () => server!;
}
