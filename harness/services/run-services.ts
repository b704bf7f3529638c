// What a run of the checks needs before its first file, started once per run: the servers
// (found or started), the run's live mark (older dead runs' leftovers swept first), and the
// broker that starts clusters and Sentinels for the files that ask. `npm test` starts these
// in its own process while vitest boots; a bare vitest starts them in its global setup.
import type { ProvidedContext } from 'vitest';
import { vacuumCatalogsIfNeeded } from './catalog-vacuum.js';
import { nothingToStop } from './found-service.js';
import { attachKeptBroker } from './kept-servers.js';
import { LiveRun, sweepDeadRuns } from './live-run.js';
import { MonitorHub } from './monitor-hub.js';
import { resolveServices } from './resolve.js';
import { ServerBroker } from './server-broker.js';
import type { TopologyNeed } from './topology.js';
import type {} from '../vitest/provided-context.js';

/** What every test file gets from inject(). */
export type RunContext = Pick<ProvidedContext, 'services' | 'serverBroker' | 'monitorHub'>;

export interface RunServices {
  context: RunContext;
  /** One line saying which servers are in use. */
  summary: string;
  stop(): Promise<void>;
}

/**
 * @param env where REDIS_URL and DATABASE_URL are looked up
 * @param needs the topologies the run's files will ask for, started at once (topology-needs.ts)
 * @param announce says which servers the broker started, when it starts them (the console by default)
 * @param keep hands the servers the broker starts to one that outlives the run (kept-servers.ts)
 */
export async function startRunServices(
  env: NodeJS.ProcessEnv,
  needs: TopologyNeed[],
  announce?: (line: string) => void,
  { keep = false } = {},
): Promise<RunServices> {
  const services = await resolveServices(env);
  try {
    // What an interrupted run left behind goes now; this run's own names are marked live.
    await sweepDeadRuns(services.redis.url, services.postgres.url);
    const run = await LiveRun.start(services.redis.url, services.postgres.url);
    const say = announce ?? ((line: string) => console.log(`Using ${line}.`));
    // A Redis this run started for itself has a new address every run: nothing to keep servers beside.
    const broker =
      keep && services.redis.stop === nothingToStop
        ? await attachKeptBroker({ env, sharedRedisUrl: services.redis.url, run: run.id, needs, announce: say })
        : await ownBroker(services.redis.url, needs, say);
    const hub = await MonitorHub.start();
    return {
      context: {
        services: { redisUrl: services.redis.url, databaseUrl: services.postgres.url, pgPoolMax: services.postgres.poolMax ?? 5, runId: run.id },
        serverBroker: { url: broker.url },
        monitorHub: { url: hub.url },
      },
      summary: services.summary,
      stop: async () => {
        await hub.stop();
        await broker.stop();
        await run.stop();
        await vacuumCatalogsIfNeeded(services.postgres.url);
        await services.stop();
      },
    };
  } catch (error) {
    await services.stop();
    throw error;
  }
}

/** A broker of the run's own, in this process: what it starts stops with the run. */
async function ownBroker(sharedRedisUrl: string, needs: TopologyNeed[], announce: (line: string) => void): Promise<{ url: string; stop(): Promise<void> }> {
  const broker = await ServerBroker.start({ sharedRedisUrl, announce });
  broker.prewarm(needs);
  return broker;
}
