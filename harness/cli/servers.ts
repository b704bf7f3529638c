// `npm run servers [-- --stop]`: the servers the course keeps between runs (kept-servers.ts)
// and the test servers `npm test` keeps (test-server-client.ts), and, with --stop, their end
// now rather than ten minutes after the last run.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BrokerClient } from '../services/broker-client.js';
import { readState } from '../services/kept-process.js';
import { keptStates } from '../services/kept-servers.js';
import { pollUntil } from '../services/poll.js';
import { isAlive } from '../services/redis-process.js';
import { runCli } from './run-cli.js';
import { stopTestServers, testServerPids } from './test-server-client.js';

runCli(async () => {
  const { values } = parseArgs({ options: { stop: { type: 'boolean' } } });
  let kept = 0;
  for (const path of keptStates()) {
    const state = readState(path);
    const status = state && isAlive(state.pid) ? await new BrokerClient(state.url).status().catch(() => undefined) : undefined;
    if (!state || !status) {
      rmSync(path, { force: true }); // its broker is gone, and its servers with it
      continue;
    }
    kept += 1;
    const kinds = Object.entries(status.started).filter(([, n]) => n > 0).map(([kind]) => kind);
    if (!values.stop) {
      console.log(`Kept between runs: ${status.pids.length} redis-server process(es) (${kinds.join(', ') || 'none yet'}) by pid ${state.pid}, ${status.runs} run(s) using them now.`);
      continue;
    }
    process.kill(state.pid, 'SIGTERM');
    await pollUntil('the kept servers to stop', async () => ([state.pid, ...status.pids].some(isAlive) ? { not: 'still running' } : true), { timeoutMs: 10_000 });
    console.log(`Stopped ${status.pids.length} redis-server process(es) kept between runs (${kinds.join(', ') || 'none started'}).`);
  }
  const testServers = testServerPids();
  if (testServers.length > 0) {
    kept += 1;
    if (values.stop) console.log(`Stopped ${await stopTestServers()} test server(s): the next npm test starts vitest afresh.`);
    else console.log(`Kept between runs: ${testServers.length} test server(s) (vitest with its threads, ready for the next npm test), pid ${testServers.join(', ')}.`);
  }
  if (kept === 0) console.log('No servers are kept between runs: the next run that needs a cluster, Sentinels or a Redis of its own starts them.');
  else if (!values.stop) console.log('They stop ten minutes after the last run, when their terminal closes, or now with `npm run servers -- --stop`.');
  return 0;
});
