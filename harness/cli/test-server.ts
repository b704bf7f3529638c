// The test server: one vitest kept between `npm test` runs (test-server-client.ts), in a
// process of its own: `node --import tsx test-server.ts <state file>`, with the run's
// settings in its environment (LAB_TARGET, the servers' URLs, colours). It prints its URL,
// then runs the checks each request names, keeping vitest, its threads (warm-threads.ts)
// and the run's servers up between runs. It stops as the server broker does
// (kept-process.ts), or as soon as a file of the harness or the configuration changes.
import { rmSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createVitest, type TestSpecification } from 'vitest/node';
import { ROOT } from '../labs.js';
import { CourseError } from '../services/errors.js';
import { claimState, releaseState, stopWhenUnused } from '../services/kept-process.js';
import { canConnect, parseServiceUrl } from '../services/probe.js';
import { keepsServers } from '../services/kept-servers.js';
import { startRunServices } from '../services/run-services.js';
import type { TopologyNeed } from '../services/topology.js';
import { CONTEXT_ENV } from '../vitest/context-from-cli.js';
import { courseFiles } from '../vitest/warm-threads.js';
import { learnerReporters } from './learner-vitest.js';
import type { ServerReply, ServerRequest } from './test-server-client.js';

const [state] = process.argv.slice(2) as [string];
const idleMs = Number(process.env.COURSE_TEST_SERVER_IDLE_MS) || 600_000;
const target = process.env.LAB_TARGET ?? 'starter';
/** Where the watchdog reports a check that never returned (watchdog.ts); the client reads it. */
const watchdogDir = process.env.COURSE_WATCHDOG_DIR ?? '';

/** Where vitest's output goes: the run being served, or nowhere between runs. */
let reply: ((line: ServerReply) => void) | undefined;
const relay = (stream: 'out' | 'err') => {
  const writable = new Writable({
    write(chunk: Buffer, _encoding, done) {
      reply?.({ [stream]: chunk.toString() } as ServerReply);
      done();
    },
  });
  // vitest pipes each worker's output here, which ends it when the worker ends, as it would
  // end process.stdout, which ignores that. This one lives as long as the server.
  writable.end = (() => writable) as typeof writable.end;
  return writable;
};

// As vitest's own command line sets them: without NODE_ENV, vite would set "development".
process.env.TEST = 'true';
process.env.VITEST = 'true';
process.env.NODE_ENV ??= 'test';

let stopping: Promise<never> | undefined;
const setup = await Promise.all([
  startRunServices(process.env, JSON.parse(process.env.COURSE_TOPOLOGY_NEEDS ?? '[]') as TopologyNeed[], (line) => reply?.({ out: `Using ${line}.\n` }), {
    keep: keepsServers(process.env),
  }),
  createVitest(
    'test',
    { config: process.env.COURSE_TEST_SERVER_CONFIG, watch: false, isolate: false, reporters: learnerReporters(target), experimental: { fsModuleCache: true } },
    {},
    { stdout: relay('out'), stderr: relay('err') },
  ),
]).catch((error: unknown) => {
  // No servers: the run that started this one says so, in the one line the CLIs print.
  rmSync(watchdogDir, { recursive: true, force: true });
  process.stdout.write(`error ${JSON.stringify(error instanceof CourseError ? error.message : String(error))}\n`);
  process.exit(1);
});
const [services, vitest] = setup;
await vitest.standalone(); // the reporters' start: runs come later, one per request
// vite's server exits the process on SIGTERM as soon as it has closed, before the run's
// servers are given back and its live mark removed; stop() closes vite itself.
process.removeAllListeners('SIGTERM');
// The test files' global setup reads the run's servers from here (context-from-cli.ts).
process.env[CONTEXT_ENV] = JSON.stringify(services.context);

/** What this process loaded that a change would make stale: the harness and the configuration. */
const fingerprint = () =>
  [...courseFiles(ROOT, ['harness']), ...['vitest.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'].map((name) => join(ROOT, name))]
    .map((file) => `${file}:${modifiedAt(file)}`)
    .join('\n');
const loaded = fingerprint();
/** Whether the Redis and Postgres this server found still accept connections. */
const servicesAnswer = async () => {
  const { redisUrl, databaseUrl } = services.context.services;
  const addresses = [parseServiceUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:']), parseServiceUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:'])];
  return (await Promise.all(addresses.map(({ host, port }) => canConnect(host, port)))).every(Boolean);
};
/** When each file vitest loaded had been saved, as the run that loaded it started. */
const seen = new Map<string, string>();
let running = false;

const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', async () => {
    if (running) return void response.writeHead(409).end(); // another terminal's run: it runs apart
    // The harness changed, or Redis or Postgres no longer answers where this server found
    // them: the client starts a new server, which finds them afresh or says what is wrong.
    if (fingerprint() !== loaded || !(await servicesAnswer())) {
      response.writeHead(410).end();
      return void stop();
    }
    void serve(JSON.parse(body) as ServerRequest, response);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const life = stopWhenUnused(idleMs, () => void stop());

// The later of two servers started at once hands over, leaving the watchdog's folder,
// which is the other one's now.
if (!claimState(state, url)) await stop({ handingOver: true });

async function serve(request: ServerRequest, response: ServerResponse): Promise<void> {
  running = true;
  life.busy();
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  let open = true;
  reply = (line) => open && response.write(`${JSON.stringify(line)}\n`);
  // The client hung up before the end: Ctrl-C. The checks under way finish; nothing more is sent.
  response.on('close', () => {
    if (!open) return;
    open = false;
    void vitest.cancelCurrentRun('keyboard-input');
  });
  try {
    const { redisUrl, databaseUrl } = services.context.services;
    reply({ services: services.summary, redisUrl, databaseUrl });
    const before = forgetChangedFiles();
    for (const project of vitest.projects) project.config.maxWorkers = request.workers;
    if (request.testNamePattern) vitest.setGlobalTestNamePattern(request.testNamePattern);
    else vitest.resetGlobalTestNamePattern();
    vitest.clearSpecificationsCache(); // a test file added since the last run is found
    const specifications = await vitest.globTestSpecifications(request.filters);
    if (specifications.length === 0) {
      reply({ err: `No test files found for ${request.filters.join(' ')}.\n` });
      return void reply({ code: 1 });
    }
    const code = (await failed(specifications)) ? 1 : 0;
    rememberLoadedFiles(before);
    reply({ code });
  } catch (error) {
    reply({ err: `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n` });
    reply({ code: 1 });
  } finally {
    open = false;
    reply = undefined;
    response.end();
    running = false;
    life.idle();
  }
}

/** Runs the files; true if a check failed or an error escaped them. */
async function failed(specifications: TestSpecification[]): Promise<boolean> {
  const result = await vitest.runTestSpecifications(specifications, true);
  // vitest's state holds every file of every run so far: only this run's count.
  const ran = new Set(specifications.map((specification) => specification.moduleId));
  return result.unhandledErrors.length > 0 || result.testModules.some((module) => ran.has(module.moduleId) && !module.ok());
}

/**
 * A file saved since the last run is transformed and loaded again: vitest would otherwise
 * serve what it transformed before, and a thread would keep what it loaded. (The threads
 * load every file of labs/ and solutions/ afresh each run anyway: warm-threads.ts.)
 * Returns when each file vitest may load was saved, as this run starts: a file saved
 * while the run loads it is one the next run must see as changed.
 */
function forgetChangedFiles(): Map<string, string> {
  const now = new Map([...seen.keys(), ...courseFiles(ROOT)].map((file) => [file, modifiedAt(file)]));
  for (const [file, modified] of seen) {
    if (now.get(file) === modified) continue;
    vitest.invalidateFile(file);
    vitest.watcher.invalidates.add(file);
  }
  return now;
}

/** Remembers, for each file vitest has loaded, when it had been saved as the run started (`before`). */
function rememberLoadedFiles(before: Map<string, string>): void {
  for (const project of vitest.projects) {
    for (const environment of Object.values(project.vite.environments)) {
      for (const file of environment.moduleGraph.fileToModulesMap.keys()) seen.set(file, before.get(file) ?? modifiedAt(file));
    }
  }
}

function modifiedAt(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  return `${stat?.mtimeMs}:${stat?.size}`;
}

function stop({ handingOver = false } = {}): Promise<never> {
  return (stopping ??= (async () => {
    // A run still closing (a check awaiting a timeout) does not keep the server up for long.
    setTimeout(() => process.exit(1), 8_000).unref();
    releaseState(state);
    if (!handingOver) rmSync(watchdogDir, { recursive: true, force: true });
    server.close();
    await services.stop().catch(() => {});
    await vitest.close().catch(() => {});
    process.exit(0);
  })());
}
