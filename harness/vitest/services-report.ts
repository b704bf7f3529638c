// How a learner's vitest tells `npm test` which servers it found. The CLI starts vitest at
// once rather than look for Redis and Postgres first (a third of a second of imports and
// probes before vitest could even boot), so the look-up happens once, in the global setup,
// and its one-line summary or error travels back over the child's IPC channel.

/** Set by harness/cli/learner-vitest.ts on the vitest it spawns with an IPC channel. */
export const REPORT_SERVICES_ENV = 'COURSE_REPORT_SERVICES';

export type ServicesReport = { kind: 'found'; summary: string } | { kind: 'failed'; message: string };

/** True when a CLI is waiting for the report (and prints it itself). */
export function cliAwaitsReport(): boolean {
  return process.env[REPORT_SERVICES_ENV] === '1' && typeof process.send === 'function';
}

/** Sends the report; the channel then lets the process exit when vitest is done. */
export function sendReport(report: ServicesReport): Promise<void> {
  return new Promise((resolve) => {
    process.send!(report, undefined, undefined, () => {
      process.channel?.unref();
      resolve();
    });
  });
}
