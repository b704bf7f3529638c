// The broker that keeps servers between runs (kept-servers.ts), in a process of its own:
// `node --import tsx kept-servers-daemon.ts <state file> <shared Redis URL>`. It prints its
// URL, then serves runs until it stops: ten minutes (COURSE_KEEP_SERVERS_IDLE_MS) after the
// last run hangs up, when the terminal it was started from closes, or on SIGTERM or SIGHUP.
// The servers it started die with it however it ends (guarded-process.ts).
import { rmSync, writeFileSync } from 'node:fs';
import { stopWhenUnused } from './kept-process.js';
import { readState } from './kept-servers.js';
import { isAlive } from './redis-process.js';
import { ServerBroker } from './server-broker.js';

const [state, sharedRedisUrl] = process.argv.slice(2) as [string, string];
const idleMs = Number(process.env.COURSE_KEEP_SERVERS_IDLE_MS) || 600_000;

const life = stopWhenUnused(idleMs, () => void stop());
const broker: ServerBroker = await ServerBroker.start({
  sharedRedisUrl,
  announce: (line) => broker.broadcast(line),
  idle: (idle) => (idle ? life.idle() : life.busy()),
});

// Two runs that found none at the same moment each start one: the later one hands over.
const other = readState(state);
if (other && other.pid !== process.pid && isAlive(other.pid)) {
  process.stdout.write(`${other.url}\n`);
  await broker.stop();
  process.exit(0);
}
writeFileSync(state, JSON.stringify({ url: broker.url, pid: process.pid }));
process.stdout.on('error', () => {}); // the run that started it reads one line, then closes the pipe
process.stdout.write(`${broker.url}\n`);

let stopping: Promise<never> | undefined;
function stop(): Promise<never> {
  return (stopping ??= (async () => {
    if (readState(state)?.pid === process.pid) rmSync(state, { force: true });
    await broker.stop();
    process.exit(0);
  })());
}
