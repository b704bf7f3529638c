// `npm test`'s warm path. Starting vitest, its threads, and loading the harness, ioredis and
// pg in each thread costs a run on two cores more than most labs' checks do, every time. So
// the first run leaves its vitest up, in a test server (test-server.ts) that the runs after
// it hand their checks to, as `npm run watch` keeps its own between saves. A server is kept
// per target and settings; it stops ten minutes after its last run, when its terminal
// closes, or with `npm run servers -- --stop`. COURSE_TEST_SERVER=0 turns it off.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { request as post } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { topologyNeeds } from '../lab/topology-needs.js';
import { ROOT } from '../labs.js';
import { CourseError } from '../services/errors.js';
import { keptStateFiles, readState, spawnKeptProcess } from '../services/kept-process.js';
import { pollUntil } from '../services/poll.js';
import { isAlive } from '../services/redis-process.js';
import { colours, onInterrupt, readHangs, type Hang, type LearnerOutput, type LearnerRun } from './learner-vitest.js';

/** One run, as the client asks for it. */
export interface ServerRequest {
  /** vitest's file filters (`labs/04-stampede/`). */
  filters: string[];
  /** vitest's -t. */
  testNamePattern?: string;
  workers: number;
  /** vitest's --config, when not the course's own: a server is kept per config. */
  config?: string;
}

/** One line of the server's answer: its servers, then vitest's output, then the exit code. */
export type ServerReply = ServersInUse | { out: string } | { err: string } | { code: number };

/** The line saying which servers the run uses, and where, for a sweep if the server dies. */
interface ServersInUse {
  services: string;
  redisUrl: string;
  databaseUrl: string;
}

export const testServerWanted = (env: NodeJS.ProcessEnv): boolean => env.COURSE_TEST_SERVER !== '0';

/** The run as the server takes it, or undefined when its flags need a vitest of their own (`--reporter`, ...). */
export function serverRequestOf(args: string[], workers: number): ServerRequest | undefined {
  const request: ServerRequest = { filters: [], workers };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if ((arg === '-t' || arg === '--testNamePattern') && request.testNamePattern === undefined) request.testNamePattern = args[++i];
    else if ((arg === '--config' || arg === '-c') && request.config === undefined) request.config = args[++i];
    else if (arg.startsWith('-')) return undefined;
    else request.filters.push(arg);
  }
  return request;
}

/** Stops every kept test server of this checkout and waits until they are gone; returns how many there were. */
export async function stopTestServers(): Promise<number> {
  const pids = testServerPids();
  const signal = (name: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, name);
      } catch {
        // gone already
      }
    }
  };
  const gone = async () => (pids.some(isAlive) ? { not: 'still running' } : true);
  signal('SIGTERM');
  // A server gives its run's servers back and exits within eight seconds (test-server.ts);
  // one that has not by ten is ended, and the next run sweeps what it held.
  await pollUntil('the test servers to stop', gone, { timeoutMs: 10_000 }).catch(async () => {
    signal('SIGKILL');
    await pollUntil('the test servers to end', gone, { timeoutMs: 5_000 });
  });
  return pids.length;
}

/** The kept test servers' process ids (one server per target and settings), forgetting those that are gone. */
export function testServerPids(): number[] {
  return keptStateFiles(/^test-server-\w+\.json$/).flatMap((path) => {
    const pid = readState(path)?.pid;
    if (pid !== undefined && isAlive(pid)) return [pid];
    rmSync(path, { force: true });
    return [];
  });
}

/**
 * Runs `request` on the test server kept for this target and settings, starting one if none
 * answers. Undefined when it is busy with another run (another terminal's): the caller runs
 * a vitest of its own.
 */
export async function runOnTestServer(options: {
  request: ServerRequest;
  env: NodeJS.ProcessEnv;
  target: string;
  output: LearnerOutput;
  signal?: AbortSignal;
}): Promise<LearnerRun | undefined> {
  const key = serverKey(options.target, options.request.config, options.env);
  const state = join(ROOT, '.course', `test-server-${key}.json`);
  const watchdogDir = join(ROOT, '.course', `test-server-${key}`);
  const kept = readState(state);
  let url = kept && isAlive(kept.pid) ? kept.url : undefined;
  // A server found stale (the harness changed) or gone stops; the second attempt is a new one.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    url ??= await startServer(state, watchdogDir, options);
    const outcome = await runOn(url, options);
    if (outcome === 'busy') return undefined;
    if (typeof outcome === 'object' && 'servers' in outcome) return died(state, watchdogDir, options.output, outcome.servers);
    if (outcome !== 'gone') return { ...outcome, hangs: takeHangs(watchdogDir) };
    url = undefined;
  }
  return undefined;
}

/**
 * What a server is kept for: its target, config and environment. The code under test sees
 * the server's environment (its threads keep the one they started with), so a run with
 * any other variable (another REDIS_URL, NODE_ENV, a secret) gets a server of its own. Not
 * counted: what npm and the shell change from one command to the next.
 */
function serverKey(target: string, config: string | undefined, env: NodeJS.ProcessEnv): string {
  const settings = Object.entries({ ...env, ...colours() })
    .filter(([name]) => !/^(npm_|_$|OLDPWD$|PWD$|SHLVL$|INIT_CWD$|COLUMNS$|LINES$)/.test(name))
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify([target, config, settings])).digest('hex').slice(0, 12);
}

async function startServer(
  state: string,
  watchdogDir: string,
  options: { request: ServerRequest; env: NodeJS.ProcessEnv; target: string },
): Promise<string> {
  rmSync(watchdogDir, { recursive: true, force: true });
  mkdirSync(watchdogDir, { recursive: true });
  const line = await spawnKeptProcess({
    script: 'harness/cli/test-server.ts',
    args: [state],
    env: {
      ...options.env,
      ...colours(),
      LAB_TARGET: options.target,
      COURSE_WATCHDOG_DIR: watchdogDir,
      COURSE_WARM_THREADS: '1',
      ...(options.request.config ? { COURSE_TEST_SERVER_CONFIG: options.request.config } : {}),
      // Clusters and Sentinels the first run's files will ask for, started at once.
      COURSE_TOPOLOGY_NEEDS: JSON.stringify(topologyNeeds(options.request.filters)),
    },
    log: 'test-server.log',
    what: 'the test server',
  });
  // No servers found: the one line saying what to do, as a run of its own would say it.
  if (line.startsWith('error ')) throw new CourseError('E_TEST_SERVER', JSON.parse(line.slice('error '.length)) as string);
  return line;
}

/** One run on the server at `url`: its result, or what kept it from one. */
function runOn(
  url: string,
  options: { request: ServerRequest; output: LearnerOutput; signal?: AbortSignal },
): Promise<LearnerRun | 'busy' | 'gone' | { servers: ServersInUse | undefined }> {
  const { output } = options;
  return new Promise((resolve) => {
    let answered = false;
    let code: number | undefined;
    let servers: ServersInUse | undefined;
    let begun: Promise<void> = Promise.resolve();
    const call = post(`${url}/run`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (response) => {
      answered = true;
      if (response.statusCode === 409) return resolve('busy');
      if (response.statusCode !== 200) return resolve('gone'); // 410: stale, it is stopping
      createInterface({ input: response })
        .on('line', (line) => {
          const reply = JSON.parse(line) as ServerReply;
          if ('services' in reply) {
            servers = reply;
            begun = output.begin(reply.services);
          } else if ('out' in reply) output.out(reply.out);
          else if ('err' in reply) output.err(reply.err);
          else code = reply.code;
        })
        .on('error', () => {}); // the server was killed mid-run: 'close' says so below
      response.on('close', () => {
        stopInterrupts();
        void begun.then(() => resolve(output.interrupted ? interrupted : code === undefined ? { servers } : { code, interrupted: false, hangs: [] }));
      });
    });
    const interrupted: LearnerRun = { code: 130, interrupted: true, hangs: [] };
    const stopInterrupts = onInterrupt(options.signal, () => {
      output.interrupt();
      call.destroy(); // the server cancels the run
      resolve(interrupted);
    });
    call.on('error', () => {
      stopInterrupts();
      if (!answered) resolve('gone'); // nothing listens there any more
    });
    call.end(JSON.stringify(options.request));
  });
}

/**
 * The server died mid-run: the watchdog ended a check that never returned, or something else
 * did. What its run left in Redis and Postgres goes now, as a run of its own would leave none.
 */
async function died(state: string, watchdogDir: string, output: LearnerOutput, servers: ServersInUse | undefined): Promise<LearnerRun> {
  const kept = readState(state);
  if (kept && !isAlive(kept.pid)) rmSync(state, { force: true });
  if (servers) await (await import('../services/live-run.js')).sweepDeadRuns(servers.redisUrl, servers.databaseUrl).catch(() => {});
  const hangs = takeHangs(watchdogDir);
  rmSync(watchdogDir, { recursive: true, force: true });
  if (hangs.length === 0) output.err('\nThe test server stopped in the middle of the run (.course/test-server.log may say why). Run the checks again.\n');
  return { code: 1, interrupted: false, hangs };
}

/** The checks the watchdog stopped in this run (a forked worker's, when the server lives on), read once. */
function takeHangs(watchdogDir: string): Hang[] {
  if (!existsSync(watchdogDir)) return [];
  const hangs = readHangs(watchdogDir);
  for (const name of readdirSync(watchdogDir)) rmSync(join(watchdogDir, name), { force: true });
  return hangs;
}
