// A Redis call that does not answer in time counts as failed: a stalled Redis must slow
// a request down by a bounded amount, never hold it.

/** `work`'s result, or a rejection after `ms`; a late outcome of `work` is dropped. */
export function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    const error = new Error(`Redis did not answer within ${ms} ms`);
    timer = setTimeout(() => reject(error), ms);
  });
  work.catch(() => {}); // it may still fail after the race is lost
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
