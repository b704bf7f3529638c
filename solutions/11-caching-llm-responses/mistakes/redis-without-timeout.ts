/**
 * Mistake: Redis commands are awaited with no timeout of their own
 * Replaces: bounded.ts
 * Caught by: 11.16
 *
 * Every error is caught, so a Redis that is down costs nothing, and the code looks
 * finished. A stalled Redis (a long script, a fork on a big dataset, a network
 * partition) sends no error at all: the GET simply never answers, and every request
 * waits with it. Only a timer of your own turns "no answer" into a miss.
 */
export function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  void ms;
  return work;
}
