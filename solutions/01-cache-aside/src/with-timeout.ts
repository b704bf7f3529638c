export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * Settles like `work`, or rejects after `ms`. ioredis queues commands while it
 * reconnects, so without a bound a down Redis stalls every request that touches it.
 * One promise and one timer per call: this sits on every cache hit (`npm run bench`
 * measures it), so it avoids the extra promises of Promise.race and finally.
 */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
