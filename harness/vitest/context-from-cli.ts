// How `npm test` hands its vitest the run it started (harness/services/run-services.ts):
// over the child's IPC channel, so vitest boots while the servers are being found.
import type { RunContext } from '../services/run-services.js';

/** Set by harness/cli/learner-vitest.ts on the vitest it spawns. */
export const CONTEXT_FROM_CLI_ENV = 'COURSE_CONTEXT_FROM_CLI';

export function contextComesFromCli(): boolean {
  return process.env[CONTEXT_FROM_CLI_ENV] === '1' && typeof process.send === 'function';
}

/**
 * The CLI's one message; the channel then lets the process exit when vitest is done. A CLI
 * that is gone before sending it (killed) ends this run too, which would otherwise wait.
 */
export function receiveContext(): Promise<RunContext> {
  const orphaned = () => process.exit(1);
  process.once('disconnect', orphaned);
  return new Promise((resolve) => {
    process.once('message', (context) => {
      process.off('disconnect', orphaned);
      process.channel?.unref();
      resolve(context as RunContext);
    });
  });
}
