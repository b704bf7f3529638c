import type { TestProject } from 'vitest/node';
import { resolveServices } from '../services/resolve.js';
import { CourseError } from '../services/errors.js';
import { vacuumCatalogsIfNeeded } from '../services/catalog-vacuum.js';
import { LiveRun, sweepDeadRuns } from '../services/live-run.js';
import { ServerBroker } from '../services/server-broker.js';
import type { TopologyNeed } from '../services/topology.js';
import type {} from './provided-context.js';
import { cliAwaitsReport, sendReport } from './services-report.js';

/**
 * Finds or starts Redis and Postgres once per vitest run and hands their URLs to every
 * test file. `npm test` learns here which they are (services-report.ts) and prints it;
 * verify and `npm run watch` pass the URLs they found, so here that is a quick re-check.
 */
export default async function setup(project: TestProject) {
  try {
    const services = await resolveServices();
    if (cliAwaitsReport()) await sendReport({ kind: 'found', summary: services.summary });
    else if (!process.env.REDIS_URL || !process.env.DATABASE_URL) console.log(services.summary);
    // What an interrupted run left behind goes now; this run's own names are marked live.
    await sweepDeadRuns(services.redis.url, services.postgres.url);
    const run = await LiveRun.start(services.redis.url);
    project.provide('services', {
      redisUrl: services.redis.url,
      databaseUrl: services.postgres.url,
      pgPoolMax: services.postgres.poolMax ?? 5,
      runId: run.id,
    });
    // Clusters, Sentinels and Redis servers of their own for the labs that need them,
    // started on a file's first request (harness/lab/lab-topology.ts), or now when the CLI
    // or verify read from the run's files that they will ask (harness/lab/topology-needs.ts).
    const broker = await ServerBroker.start({ sharedRedisUrl: services.redis.url });
    project.provide('serverBroker', { url: broker.url });
    broker.prewarm(JSON.parse(process.env.COURSE_TOPOLOGY_NEEDS ?? '[]') as TopologyNeed[]);
    return async () => {
      await broker.stop();
      await run.stop();
      await vacuumCatalogsIfNeeded(services.postgres.url);
      await services.stop();
    };
  } catch (error) {
    if (error instanceof CourseError) {
      // One readable line, then stop: a stack trace here would only bury it.
      if (cliAwaitsReport()) await sendReport({ kind: 'failed', message: error.message });
      else console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
