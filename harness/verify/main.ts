// `npm run verify`: the course proves itself. Type-checks everything; for every lab runs
// the suite on the starter (must fail as declared), the solution (must pass) and every
// mistake (must be caught); validates the quizzes and checks their claims against Redis;
// runs the benchmark's quick mode; builds the site and drives it in Chromium. Ends with
// `N passed, N failed`.
import { listLabs } from '../labs.js';
import { verifyQuizzes } from '../quiz/verify-quizzes.js';
import { verifySite } from '../site/verify-site.js';
import { runCli } from '../cli/run-cli.js';
import { resolveServices } from '../services/resolve.js';
import type { CheckResult } from './check.js';
import { plantSentinel } from './isolation.js';
import { verifyBench } from './bench-check.js';
import { verifyHarness } from './harness-tests.js';
import { createPool } from './pool.js';
import { printReport } from './report.js';
import { typecheck } from './typecheck.js';
import { verifyLab } from './verify-lab.js';

runCli(async () => {
  const started = Date.now();
  const services = await resolveServices();
  console.log(services.summary);
  const sentinel = await plantSentinel(services.redis.url, services.postgres.url);
  try {
    const pool = createPool(3);
    const labs = listLabs();
    const [types, harness, ...labOutcomes] = await Promise.all([
      typecheck(),
      pool(() => verifyHarness(services.env)),
      ...labs.map((lab) => verifyLab(lab, services.env, pool)),
    ]);
    const results: CheckResult[] = [types, ...harness, ...labOutcomes.flatMap((o) => o.results)];
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
    console.log(`${elapsed()}: ${labs.length} labs verified; checking quizzes against Redis, then the benchmark's quick mode...`);
    results.push(...(await verifyQuizzes(services.redis.url)));
    results.push(...(await verifyBench(services.env)));
    console.log(`${elapsed()}: building the site and browsing it in Chromium...`);
    results.push(...(await verifySite()));
    results.push(...(await sentinel()));
    printReport(labOutcomes.map((o) => o.row), results, (Date.now() - started) / 1000);
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await services.stop();
  }
});
