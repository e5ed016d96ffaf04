import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why PostgreSQL cannot be started here, or null when it can (Debian's postgresql package: see the README). */
export const postgresMissing: string | null = existsSync(path.join(BIN, 'initdb')) ? null : `PostgreSQL binaries not found in ${BIN} (apt-get install postgresql, or set PG_BIN)`;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user on a directory it owns. */
const asOwner = (cmd: string, args: string[]) =>
  process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args]) : run(path.join(BIN, cmd), args);

export interface LocalPostgres {
  /** A connection URL for a fresh database (one per call). */
  database(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server in a temp dir on a free loopback port, trust auth, UTF-8, removed when
 * stopped: for the tests and the central bench. `durable: false` (the tests) turns fsync off;
 * the bench keeps it, as a centre's server would.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<LocalPostgres> {
  const durable = options.durable ?? false;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hpf-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  await asOwner('initdb', ['-D', data, '-U', 'test', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', ...(durable ? [] : ['--no-sync'])]);
  await asOwner('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durable ? '' : ' -c fsync=off'}`, '-l', path.join(dir, 'log'), '-w', 'start']);
  let n = 0;
  return {
    async database() {
      const name = `t${++n}`;
      await asOwner('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'test', name]);
      return `postgres://test@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
