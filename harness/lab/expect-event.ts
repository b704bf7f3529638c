import { expect } from 'vitest';

/** Anything with on/off, such as an EventEmitter or an ioredis client. */
interface Emitter {
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
}

export interface EventWait<Args extends unknown[]> {
  /** What the check waits for, as a sentence: "instance B emitting 'invalidated' for profile:1". */
  what: string;
  /** The idea and the lesson section, shown when the event does not come. */
  idea: string;
  /** A liveness bound, far above the time a correct answer needs. */
  boundMs: number;
  /** Only an event whose arguments pass counts; by default any does. */
  accept?: (...args: Args) => boolean;
}

/**
 * Starts listening at once and resolves with the arguments of the first matching event.
 * Call it before the action that should cause the event, await it after. If none comes
 * within `boundMs` the check fails with `what` and `idea`: waiting by event, never by
 * sleeping, so a correct answer passes in milliseconds and a wrong one fails in bounded time.
 */
export function expectEventWithin<Args extends unknown[] = unknown[]>(
  emitter: Emitter,
  event: string,
  wait: EventWait<Args>,
): Promise<Args> {
  const hung = Symbol('hung');
  let timer: NodeJS.Timeout | undefined;
  let listener: ((...args: any[]) => void) | undefined;
  const outcome = new Promise<Args | typeof hung>((resolve) => {
    listener = (...args: Args) => {
      if (!wait.accept || wait.accept(...args)) resolve(args);
    };
    emitter.on(event, listener);
    timer = setTimeout(() => resolve(hung), wait.boundMs);
  }).finally(() => {
    clearTimeout(timer);
    if (listener) emitter.off(event, listener);
  });
  const checked = outcome.then((result) => {
    expect(result === hung, `No ${wait.what} within ${wait.boundMs} ms.\n${wait.idea}`).toBe(false);
    return result as Args;
  });
  checked.catch(() => {}); // a check that already failed elsewhere must not leave this unhandled
  return checked;
}
