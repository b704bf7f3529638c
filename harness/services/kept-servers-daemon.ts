// The broker that keeps servers between runs (kept-servers.ts), in a process of its own:
// `node --import tsx kept-servers-daemon.ts <state file> <shared Redis URL>`. It prints its
// URL, then serves runs until it stops: ten minutes (COURSE_KEEP_SERVERS_IDLE_MS) after the
// last run hangs up, when the terminal it was started from closes, or on SIGTERM or SIGHUP.
// The servers it started die with it however it ends (guarded-process.ts).
import { claimState, releaseState, stopWhenUnused } from './kept-process.js';
import { ServerBroker } from './server-broker.js';

const [state, sharedRedisUrl] = process.argv.slice(2) as [string, string];
const idleMs = Number(process.env.COURSE_KEEP_SERVERS_IDLE_MS) || 600_000;

const life = stopWhenUnused(idleMs, () => void stop());
const broker: ServerBroker = await ServerBroker.start({
  sharedRedisUrl,
  announce: (line) => broker.broadcast(line),
  idle: (idle) => (idle ? life.idle() : life.busy()),
});

if (!claimState(state, broker.url)) {
  await broker.stop();
  process.exit(0);
}

let stopping: Promise<never> | undefined;
function stop(): Promise<never> {
  return (stopping ??= (async () => {
    releaseState(state);
    await broker.stop();
    process.exit(0);
  })());
}
