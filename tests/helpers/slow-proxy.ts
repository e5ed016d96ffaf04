import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';

/**
 * An HTTP proxy in front of the test S3 server that makes it slow: every answer waits
 * `delayMs` and trickles out in small pieces, and a request matching `stall` is swallowed —
 * its body read, no answer ever sent — until released. Plain HTTP forwarding, so the client
 * speaks to it exactly as to a real, slow object store.
 */
export class SlowProxy {
  delayMs = 0;
  stall: RegExp | null = null;
  /** Requests swallowed so far. */
  stalled = 0;
  private readonly held: http.ServerResponse[] = [];
  private constructor(private readonly server: http.Server, private readonly upstream: URL) {}

  static async start(upstream: string): Promise<SlowProxy> {
    const server = http.createServer();
    const proxy = new SlowProxy(server, new URL(upstream));
    server.on('request', (req, res) => proxy.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.stall?.test(decodeURIComponent(req.url ?? ''))) {
      this.stall = null;
      this.stalled++;
      req.resume();
      this.held.push(res);
      return;
    }
    const forward = http.request(
      { host: this.upstream.hostname, port: this.upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          const delay = this.delayMs;
          answer
            .pipe(new Transform({
              transform(chunk: Buffer, _e, done) {
                // Pieces of 16 KiB, each a little late: slow, but never silent for long.
                const pieces: Buffer[] = [];
                for (let i = 0; i < chunk.length; i += 16 * 1024) pieces.push(chunk.subarray(i, i + 16 * 1024));
                const push = () => {
                  const piece = pieces.shift();
                  if (!piece) return done();
                  this.push(piece);
                  setTimeout(push, Math.min(20, delay));
                };
                push();
              },
            }))
            .pipe(res);
        }, this.delayMs);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  }

  /** Let go of swallowed requests (their clients have long given up). */
  release(): void {
    for (const res of this.held.splice(0)) res.destroy();
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
