import { Transform, type Readable } from 'node:stream';

/**
 * A token bucket shared by every transfer of one sender, so the cap holds for the link as a
 * whole (the counter's network stays usable) however many files are in flight. Callers may run
 * into debt: a large chunk waits longer, and the next caller waits for it too, which keeps the
 * long-run rate at the cap.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private rate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = this.burst;
    this.last = now();
  }

  /** Bytes per second; 0 means no cap. */
  get bytesPerSecond(): number {
    return this.rate;
  }

  /** A quarter second's worth: small enough that the socket never sits idle for long. */
  get burst(): number {
    return Math.max(16 * 1024, Math.floor(this.rate / 4));
  }

  setRate(rate: number): void {
    this.refill();
    this.rate = rate;
    this.tokens = Math.min(this.tokens, this.burst);
  }

  private refill(): void {
    const t = this.now();
    if (this.rate > 0) this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }

  /** Take `n` bytes' worth now; returns how many milliseconds to wait before sending them. */
  reserve(n: number): number {
    if (this.rate <= 0) return 0;
    this.refill();
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1000);
  }

  async take(n: number, signal?: AbortSignal): Promise<void> {
    const wait = this.reserve(n);
    if (wait > 0) await sleep(wait, signal);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Pass a byte stream through the bucket, in slices no larger than its burst, reporting every
 * slice sent. Used for request bodies (uploads) and response bodies (read-back) alike.
 */
export function throttle(source: Readable, bucket: TokenBucket, onBytes: (n: number) => void, signal?: AbortSignal): Readable {
  // Without a cap only the count is taken. Not with a 'data' listener on the source: that starts
  // it flowing at once, and bytes read before the consumer attaches (the HTTP request, after the
  // keys were fetched from the keychain) would be lost to it.
  if (bucket.bytesPerSecond <= 0) {
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        onBytes(chunk.length);
        done(null, chunk);
      },
    });
    source.on('error', (err) => count.destroy(err));
    return source.pipe(count);
  }
  const gate = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      void (async () => {
        for (let at = 0; at < chunk.length; ) {
          const slice = bucket.bytesPerSecond > 0 ? chunk.subarray(at, at + bucket.burst) : chunk.subarray(at);
          await bucket.take(slice.length, signal);
          at += slice.length;
          onBytes(slice.length);
          this.push(slice);
        }
      })().then(() => done(), done);
    },
  });
  source.on('error', (err) => gate.destroy(err));
  return source.pipe(gate);
}
