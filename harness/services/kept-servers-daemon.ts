// The broker that keeps servers between runs (kept-servers.ts), in a process of its own:
// `node --import tsx kept-servers-daemon.ts <state file> <shared Redis URL>`. It prints its
// URL, then serves runs until it stops: ten minutes (COURSE_KEEP_SERVERS_IDLE_MS) after the
// last run hangs up, when the terminal it was started from closes, or on SIGTERM or SIGHUP.
// The servers it started die with it however it ends (guarded-process.ts).
import { closeSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { readState } from './kept-servers.js';
import { isAlive } from './redis-process.js';
import { ServerBroker } from './server-broker.js';

const [state, sharedRedisUrl] = process.argv.slice(2) as [string, string];
const idleMs = Number(process.env.COURSE_KEEP_SERVERS_IDLE_MS) || 600_000;

let idleTimer: NodeJS.Timeout | undefined;
const broker: ServerBroker = await ServerBroker.start({
  sharedRedisUrl,
  announce: (line) => broker.broadcast(line),
  idle: (idle) => {
    clearTimeout(idleTimer);
    if (idle) idleTimer = setTimeout(() => void stop(), idleMs);
  },
});
idleTimer = setTimeout(() => void stop(), idleMs); // the run that started it may die before it attaches

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

// The terminal's session loses its terminal when the terminal closes: /dev/tty no longer opens.
const terminal = hasTerminal();
setInterval(() => {
  if (terminal && !hasTerminal()) void stop();
}, 2_000);
process.on('SIGINT', () => {}); // Ctrl-C is for the run in the foreground, not for the servers it left here
process.on('SIGTERM', () => void stop());
process.on('SIGHUP', () => void stop());

let stopping: Promise<never> | undefined;
function stop(): Promise<never> {
  return (stopping ??= (async () => {
    if (readState(state)?.pid === process.pid) rmSync(state, { force: true });
    await broker.stop();
    process.exit(0);
  })());
}

function hasTerminal(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    return false;
  }
}

