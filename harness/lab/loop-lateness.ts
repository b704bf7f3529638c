// How late this process ran its timers while some work ran. A check that times code
// against a lower bound (a waiter gives up no earlier than waitMs) can be fooled by a
// loaded machine: code that stops early looks on time when its last timer fires late.
// Such a check trusts a reading only when the loop kept time, and takes it again if not
// (with a longer wait, whose tenth is more than a loaded machine's lateness).

/** Runs `work` and reports the largest lateness, in ms, of a timer ticking every `everyMs` beside it. */
export async function timedWithLateness<T>(work: () => Promise<T>, everyMs = 5): Promise<{ result: T; elapsedMs: number; latenessMs: number }> {
  const started = performance.now();
  let last = started;
  let latenessMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    latenessMs = Math.max(latenessMs, now - last - everyMs);
    last = now;
  }, everyMs);
  try {
    const result = await work();
    return { result, elapsedMs: performance.now() - started, latenessMs };
  } finally {
    clearInterval(tick);
  }
}
