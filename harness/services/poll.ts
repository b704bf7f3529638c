/**
 * Waiting for a state by asking for it again and again, never by sleeping a guessed time:
 * `probe` returns the value once the state is reached, or a description of what it saw
 * instead (`{ not: '...' }`), which ends up in the error when the bound runs out.
 */
export type Probe<T> = () => Promise<T | { not: string }>;

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

/** Thrown by a probe when asking again is pointless (its connections were closed): the wait ends at once. */
export class GiveUpError extends Error {
  override name = 'GiveUpError';
}

export async function pollUntil<T>(what: string, probe: Probe<T>, { timeoutMs = 15_000, intervalMs = 50 } = {}): Promise<T> {
  const started = Date.now();
  let last = 'nothing yet';
  for (;;) {
    try {
      const seen = await probe();
      if (!isNot(seen)) return seen;
      last = seen.not;
    } catch (error) {
      if (error instanceof GiveUpError) throw error;
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() - started >= timeoutMs) {
      throw new WaitTimeoutError(`Waited ${timeoutMs} ms for ${what}; last seen: ${last.split('\n')[0]}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function isNot(value: unknown): value is { not: string } {
  return typeof value === 'object' && value !== null && 'not' in value && Object.keys(value).length === 1;
}

/** A field of an INFO reply, e.g. infoField(text, 'role'). */
export function infoField(info: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:(.*)$`, 'm').exec(info);
  return match?.[1]?.trim();
}
