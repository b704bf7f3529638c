// The course's own checks on how a learner's run ends when their code misbehaves: it never
// hangs, it never litters, and it says what happened in the course's words.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../labs.js';
import { sweepDeadRuns } from '../services/live-run.js';
import { isAlive } from '../services/redis-process.js';
import type {} from '../vitest/provided-context.js';
import { typecheckFolders } from './lab-typecheck.js';
import { runLearnerVitest } from './learner-vitest.js';
import { stopTestServers } from './test-server-client.js';

const { redisUrl, databaseUrl } = inject('services');
// The test servers these runs start stop three seconds after their last run.
const env = { REDIS_URL: redisUrl, DATABASE_URL: databaseUrl, COURSE_TEST_SERVER_IDLE_MS: '3000' };
// One still finishing an interrupted run would hold it for seconds more: none outlives the file.
afterAll(() => stopTestServers());
/** How a run reaches vitest: one of its own, or the test server kept between runs (test-server-client.ts). */
const PATHS = [
  { path: 'its own vitest', env: { COURSE_TEST_SERVER: '0' } },
  { path: 'the test server', env: { COURSE_TEST_SERVER: '1' } },
];
const CONFIG = 'harness/cli/fixtures/vitest.config.ts';

async function runFixture(fixture: string, extraEnv: Record<string, string> = {}, extraArgs: string[] = []) {
  let output = '';
  const run = await runLearnerVitest({
    args: ['--config', CONFIG, `harness/cli/fixtures/${fixture}`, ...extraArgs],
    env: { ...env, ...extraEnv },
    target: 'solution', // not the learner's progress
    write: (text) => (output += text),
  });
  return { ...run, output };
}

describe('a learner run that would hang', () => {
  // Each of these starts a vitest of its own: seconds, more on a busy machine.
  it.for(PATHS)('a synchronous infinite loop is stopped by the watchdog, which names the check ($path)', { timeout: 60_000 }, async ({ env: pathEnv }) => {
    const loopEnv = { ...pathEnv, COURSE_WATCHDOG_LIMIT_MS: '1500' };
    // The loop meets a test server already up, as a learner's runs after the first do:
    // starting one (vitest, its threads, the servers) is not the loop's doing, and beside a
    // verify on two cores it took most of the bound below (25.7 s in all, once).
    if (pathEnv.COURSE_TEST_SERVER === '1') expect((await runFixture('two-checks.fixture.ts', loopEnv)).code).toBe(0);
    const started = Date.now();
    const run = await runFixture('sync-loop.fixture.ts', loopEnv);
    expect(run.hangs).toEqual([{ file: 'harness/cli/fixtures/sync-loop.fixture.ts', check: '99.1 spins for ever', limitMs: 1500 }]);
    expect(run.code).not.toBe(0);
    expect(Date.now() - started, 'a liveness bound far above the 1.5 s limit').toBeLessThan(25_000);
    expect(await deadRunsMarkedLive(), 'the stopped run is no longer marked live').toEqual([]);
  });

  it('a promise that never settles fails the check in the course\'s words, not "raise testTimeout"', { timeout: 30_000 }, async () => {
    const run = await runFixture('never-settles.fixture.ts');
    expect(run.output).toContain('"99.2 awaits a promise nobody settles" did not finish within 1 s');
    expect(run.output).not.toContain('configure it globally with "testTimeout"');
  });
});

describe('a learner run that would litter', () => {
  it('a key written outside the prefix is named in the failure, then removed', { timeout: 30_000 }, async () => {
    const key = `course-selftest-outside:${randomBytes(4).toString('hex')}`;
    const run = await runFixture('writes-outside.fixture.ts', { COURSE_FIXTURE_KEY: key });
    expect(run.output).toContain('Your code wrote outside its key prefix');
    expect(run.output).toContain(`SET ${key}`);
    const redis = new Redis(redisUrl);
    try {
      expect(await redis.exists(key)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it("an interrupted run's keys and schema are swept by the next run, a live run's are not", async () => {
    // Runs with no liveness key, one whose key names this machine and a process that has
    // ended (killed before its key expired), one whose process lives, one of another machine.
    const [dead, killed, live, remote] = Array.from({ length: 4 }, () => randomBytes(4).toString('hex'));
    const owners = { [killed!]: `${hostname()}:${spawnSync('true').pid}`, [live!]: `${hostname()}:${process.pid}`, [remote!]: 'elsewhere:1' };
    const runs = [dead!, killed!, live!, remote!];
    const redis = new Redis(redisUrl);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      for (const [run, owner] of Object.entries(owners)) await redis.set(`course:run:${run}`, owner, 'PX', 30_000);
      for (const run of runs) {
        await redis.set(`course:99:${run}.00000000:page`, 'left by a run', 'PX', 30_000);
        await db.query(`CREATE SCHEMA course_99_${run}_00000000`);
      }
      await sweepDeadRuns(redisUrl, databaseUrl);
      const kept = [live!, remote!];
      for (const run of runs) expect(await redis.exists(`course:99:${run}.00000000:page`), run).toBe(kept.includes(run) ? 1 : 0);
      expect(await redis.exists(`course:run:${killed}`), 'the liveness key of a run whose process has ended').toBe(0);
      expect(await redis.exists(`course:run:${live}`, `course:run:${remote}`), 'the liveness keys of a live run and of another machine').toBe(2);
      // Only this check's runs: a live test server may keep a schema of its own for reuse.
      const { rows } = await db.query<{ n: string }>("SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE 'course\\_99\\_%'");
      expect(rows.map((row) => row.n).filter((name) => runs.some((run) => name.startsWith(`course_99_${run}_`))).sort()).toEqual(kept.map((run) => `course_99_${run}_00000000`).sort());
    } finally {
      for (const run of runs) {
        await redis.del(`course:run:${run}`, `course:99:${run}.00000000:page`);
        await db.query(`DROP SCHEMA IF EXISTS course_99_${run}_00000000`);
      }
      await db.end();
      redis.disconnect();
    }
  });

  it.for(PATHS)('Ctrl-C prints one line and nothing from the run after it ($path)', { timeout: 40_000 }, async ({ env: pathEnv }) => {
    const child = startTestCli(['harness/cli/fixtures/slow.fixture.ts', '--config', CONFIG], { ...env, ...pathEnv });
    let output = '';
    let afterSignal = '';
    let signalled = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (signalled) afterSignal += chunk.toString();
      if (!signalled && /Testing: /.test(output)) {
        signalled = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(signalled, `vitest never started:\n${output}`).toBe(true);
    expect(afterSignal.trim()).toBe('Run interrupted: nothing more was checked.');
    expect(code).toBe(130);
  });
});

describe('a learner run on the test server', () => {
  it('runs the checks each run names (-t), and sees NODE_ENV as vitest sets it', { timeout: 40_000 }, async () => {
    for (const [asked, other] of [['99.6', '99.7'], ['99.7', '99.6']] as const) {
      const run = await runFixture('two-checks.fixture.ts', {}, ['-t', asked]);
      expect(run.output, `asked for ${asked}`).toContain(`ran ${asked} with NODE_ENV=test`);
      expect(run.output, `asked for ${asked}`).not.toContain(`ran ${other}`);
    }
  });

  it('loads a file saved since its last run as saved, in the same server', { timeout: 40_000 }, async () => {
    mkdirSync(join(ROOT, '.course'), { recursive: true });
    const module = join(ROOT, '.course', `selftest-${randomBytes(4).toString('hex')}.ts`);
    const run = async (value: string) => {
      writeFileSync(module, `export const value = '${value}';\n`);
      const result = await runFixture('reads-module.fixture.ts', { COURSE_FIXTURE_MODULE: module });
      expect(result.code, result.output).toBe(0);
      return /server (\d+)/.exec(result.output)?.[1];
    };
    try {
      const first = await run('one');
      expect(await run('three'), 'the second run was served by the same server').toBe(first);
    } finally {
      rmSync(module, { force: true });
    }
  });
});

describe('a learner run with type errors', () => {
  it('the type check names every error in the learner\'s files, each by file:line:column and code', { timeout: 60_000 }, async () => {
    // Written where the project's own type check does not look (.course is git-ignored).
    const folder = `.course/typed-${randomBytes(4).toString('hex')}`;
    mkdirSync(join(ROOT, folder, 'src'), { recursive: true });
    try {
      writeFileSync(join(ROOT, folder, 'src', 'price.ts'), "export const priceCents: number = '1250';\nexport const fine = 1;\n");
      writeFileSync(join(ROOT, folder, 'src', 'uses.ts'), "import { fine } from './price.js';\nexport const twice: string = fine * 2;\n");
      const errors = await typecheckFolders([folder], folder.slice('.course/'.length));
      expect(errors).toEqual([
        `${folder}/src/price.ts:1:14 TS2322: Type 'string' is not assignable to type 'number'.`,
        `${folder}/src/uses.ts:2:14 TS2322: Type 'number' is not assignable to type 'string'.`,
      ]);
    } finally {
      rmSync(join(ROOT, folder), { recursive: true, force: true });
    }
  });
});

describe('a learner run without its servers', () => {
  it('says in one line per server what answered nowhere, and prints nothing of the run', { timeout: 30_000 }, async () => {
    const child = startTestCli(['harness/cli/fixtures/slow.fixture.ts', '--config', CONFIG], {
      REDIS_URL: 'redis://127.0.0.1:1',
      DATABASE_URL: 'postgres://course@127.0.0.1:2/course',
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output.trim().split('\n')).toEqual([
      'REDIS_URL=redis://127.0.0.1:1 is set, but nothing answers at 127.0.0.1:1. Fix the URL, start the server, or unset REDIS_URL to let the course find or start one.',
      'DATABASE_URL=postgres://course@127.0.0.1:2/course is set, but nothing answers at 127.0.0.1:2. Fix the URL, start the server, or unset DATABASE_URL to let the course find or start one.',
    ]);
    expect(code).toBe(2);
  });
});

/** Runs of this machine whose live mark (live-run.ts) names a process that is gone. */
async function deadRunsMarkedLive(): Promise<string[]> {
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys('course:run:*');
    const owners = keys.length ? await redis.mget(keys) : [];
    return keys.filter((_, i) => {
      const [host, pid] = (owners[i] ?? '').split(':');
      return host === hostname() && !isAlive(Number(pid));
    });
  } finally {
    redis.disconnect();
  }
}

/** `npm test` itself (harness/cli/test.ts), as a learner's terminal starts it. */
function startTestCli(args: string[], serverEnv: Record<string, string>) {
  const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return spawn(process.execPath, [tsx, 'harness/cli/test.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...serverEnv, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
