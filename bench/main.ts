// `npm run bench`: what caching buys, measured on this machine against the same Redis and
// Postgres the labs use. Prints one table per section (read path, stampede, hit path, codecs,
// rate limiting, LLM cache, one node vs cluster) and writes them to docs/bench-results.json
// for the site's "What caching buys" page. See docs/bench.md.
import { join } from 'node:path';
import { runCli } from '../harness/cli/run-cli.js';
import { ROOT } from '../harness/labs.js';
import { resolveServices, type CourseServices } from '../harness/services/resolve.js';
import { parseBenchArgs, USAGE } from './args.js';
import { BenchContext, POOL_SIZE } from './context.js';
import { createProgress } from './progress.js';
import { writeResults, type BenchResults } from './results.js';
import { runCluster } from './sections/cluster.js';
import { runCodecs } from './sections/codecs.js';
import { runHitPath } from './sections/hit-path.js';
import { runReadPath } from './sections/read-path.js';
import { runLlmCache } from './sections/llm-cache.js';
import { runRateLimit } from './sections/rate-limit.js';
import { runStampede } from './sections/stampede.js';
import { benchSettings } from './settings.js';
import { clusterTable, codecTable, llmTable, rateLimitTable } from './lab-tables.js';
import { environmentLines, hitTable, readTable, stampedeTable } from './tables.js';

const RESULTS_FILE = join(ROOT, 'docs', 'bench-results.json');

runCli(async () => {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const progress = createProgress();

  progress.step('finding Redis and Postgres');
  const services = await resolveServices().finally(() => progress.finish());
  console.log(services.summary);

  let opening: Promise<BenchContext> | undefined;
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    progress.finish();
    console.error(`\n${signal}: removing the bench's keys and schema, then stopping.`);
    // If the schema is still being created, let that finish so there is something to drop.
    const context = opening?.catch(() => undefined) ?? Promise.resolve(undefined);
    void context.then((made) => cleanUp(made, services)).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let context: BenchContext | undefined;
  try {
    progress.step('creating the bench schema and its 1000 products');
    opening = BenchContext.open(services);
    context = await opening;
    const settings = benchSettings(args.quick, context.poolSize);
    if (context.poolSize < POOL_SIZE) {
      console.log(`Postgres allows ${context.poolSize} connection(s) here: the read and stampede sections run one round each (no spread).`);
    }
    const results: BenchResults = {
      measuredAt: new Date().toISOString(),
      quick: args.quick,
      environment: await context.environment(services),
    };
    if (args.sections.includes('read')) results.read = await runReadPath(context, settings.read, progress);
    if (args.sections.includes('stampede')) results.stampede = await runStampede(context, settings.stampede, progress);
    if (args.sections.includes('hit')) results.hit = await runHitPath(context, settings.hit, progress);
    if (args.sections.includes('codec')) results.codec = await runCodecs(context, settings.codec, progress);
    if (args.sections.includes('ratelimit')) results.ratelimit = await runRateLimit(context, settings.ratelimit, progress);
    if (args.sections.includes('llm')) results.llm = await runLlmCache(context, settings.llm, progress);
    if (args.sections.includes('cluster')) results.cluster = await runCluster(settings.cluster, progress);
    progress.finish();

    const tables = [
      results.read && readTable(results.read),
      results.stampede && stampedeTable(results.stampede),
      results.hit && hitTable(results.hit),
      results.codec && codecTable(results.codec),
      results.ratelimit && rateLimitTable(results.ratelimit),
      results.llm && llmTable(results.llm),
      results.cluster && clusterTable(results.cluster),
    ].filter(Boolean);
    console.log(`\n${environmentLines(results.environment, args.quick)}\n\n${tables.join('\n\n')}\n`);

    if (args.quick) console.log('Quick run: results not written (run without --quick to update the site).');
    else if (!args.write) console.log('--no-write: results not written.');
    else {
      writeResults(RESULTS_FILE, results);
      console.log(`Wrote docs/bench-results.json (the site's "What caching buys" page reads it).`);
    }
    console.log(`Finished in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    return 0;
  } catch (error) {
    // After Ctrl-C, work in flight fails as its connections close: let the handler finish.
    if (interrupted) await new Promise(() => {});
    throw error;
  } finally {
    progress.finish();
    if (!interrupted) await cleanUp(context, services);
  }
});

/** Removes the bench's keys and schema and stops any server the course started; bounded in time. */
async function cleanUp(context: BenchContext | undefined, services: CourseServices): Promise<void> {
  const bounded = (work: Promise<unknown>) =>
    Promise.race([work.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  await bounded(context?.close() ?? Promise.resolve());
  await bounded(services.stop());
}
