// How `npm test` hands its vitest the run it started (harness/services/run-services.ts):
// over the child's IPC channel, so vitest boots while the servers are being found; or, in
// the test server (harness/cli/test-server.ts), which runs vitest in its own process, in
// the environment.
import type { RunContext } from '../services/run-services.js';

/** Set by harness/cli/learner-vitest.ts on the vitest it spawns. */
export const CONTEXT_FROM_CLI_ENV = 'COURSE_CONTEXT_FROM_CLI';
/** The run's context as JSON, set by the test server before it starts vitest. */
export const CONTEXT_ENV = 'COURSE_RUN_CONTEXT';

/** The context the process that started vitest found, or undefined if vitest is to start its own. */
export function contextFromCli(): Promise<RunContext> | undefined {
  if (process.env[CONTEXT_FROM_CLI_ENV] === '1' && typeof process.send === 'function') return receiveContext();
  const given = process.env[CONTEXT_ENV];
  return given ? Promise.resolve(JSON.parse(given) as RunContext) : undefined;
}

/**
 * The CLI's one message; the channel then lets the process exit when vitest is done. A CLI
 * that is gone before sending it (killed) ends this run too, which would otherwise wait.
 */
function receiveContext(): Promise<RunContext> {
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
