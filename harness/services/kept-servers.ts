import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../labs.js';
import { keptStateFiles, readState, spawnKeptProcess } from './kept-process.js';
import type { TopologyNeed } from './topology.js';

/**
 * Servers kept between runs. A cluster takes two seconds before it accepts writes (Redis
 * holds a new primary back that long), a Sentinel set one: longer than most labs' checks.
 * So `npm test` and `npm run watch` hand the clusters, Sentinels and small Redis servers
 * they need to a broker that outlives the run (kept-servers-daemon.ts), as testcontainers'
 * reusable containers outlive theirs, and the next run takes them over, flushed. That
 * broker stops them, and itself, ten minutes after the last run ends, as soon as the
 * terminal it was started from closes, or on SIGTERM. COURSE_KEEP_SERVERS=0 turns it off:
 * each run then starts and stops its own (verify does that).
 */
export const keepsServers = (env: NodeJS.ProcessEnv): boolean => env.COURSE_KEEP_SERVERS !== '0';

/** What finding a topology depends on (find-topology.ts): a broker kept for other values is not this run's. */
const FOUND_BY = ['REDIS_CLUSTER_URL', 'REDIS_SENTINELS', 'REDIS_SENTINEL_MASTER', 'REDIS_EVICTION_URL', 'REDIS_AUTH_URL'];

/** Where the kept broker for these settings writes its address. */
export function statePath(env: NodeJS.ProcessEnv, sharedRedisUrl: string): string {
  const settings = JSON.stringify([sharedRedisUrl, ...FOUND_BY.map((name) => env[name] ?? '')]);
  return join(ROOT, '.course', `kept-servers-${createHash('sha256').update(settings).digest('hex').slice(0, 12)}.json`);
}

/** The kept brokers' state files (one per settings; normally one). */
export const keptStates = (): string[] => keptStateFiles(/^kept-servers-\w+\.json$/);

/** A run's hold on the kept broker: its URL for the test files, and the hang-up. */
export interface KeptBroker {
  url: string;
  stop(): Promise<void>;
}

/**
 * Attaches the run to the kept broker for its settings, starting one if none answers. Its
 * announcements ("a Redis Cluster ..., kept from an earlier run") go to `announce`.
 */
export async function attachKeptBroker(options: {
  env: NodeJS.ProcessEnv;
  sharedRedisUrl: string;
  run: string;
  needs: TopologyNeed[];
  announce: (line: string) => void;
  /** Where the broker writes its address (the harness's self-tests keep theirs apart). */
  state?: string;
}): Promise<KeptBroker> {
  const { env, sharedRedisUrl, run, needs, announce, state = statePath(env, sharedRedisUrl) } = options;
  const kept = readState(state);
  if (kept) {
    const attached = await attach(kept.url, run, needs, announce).catch(() => undefined);
    if (attached) return attached;
    // Gone (killed, or the machine restarted): its servers went with it.
    if (readState(state)?.url === kept.url) rmSync(state, { force: true });
  }
  return attach(await startKeptBroker(env, sharedRedisUrl, state), run, needs, announce);
}

/** Starts the kept broker and resolves with its URL (its first line of output). */
function startKeptBroker(env: NodeJS.ProcessEnv, sharedRedisUrl: string, state: string): Promise<string> {
  return spawnKeptProcess({
    script: 'harness/services/kept-servers-daemon.ts',
    args: [state, sharedRedisUrl],
    env,
    log: 'kept-servers.log',
    what: 'the broker that keeps servers between runs',
  });
}

/** Opens the run's connection to the broker; it stays open, unreferenced, until stop() hangs up. */
function attach(url: string, run: string, needs: TopologyNeed[], announce: (line: string) => void): Promise<KeptBroker> {
  return new Promise((resolve, reject) => {
    const held = request(`${url}/attach`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (reply) => {
      if (reply.statusCode !== 200) return reject(new Error(`the kept broker answered ${reply.statusCode}`));
      reply.socket.unref();
      createInterface({ input: reply })
        .on('line', (line) => announce((JSON.parse(line) as { line: string }).line))
        .on('error', () => {}); // hanging up, or the broker going away, ends the lines; the files see a gone broker themselves
      resolve({ url, stop: async () => void held.destroy() });
    });
    held.on('error', reject);
    held.end(JSON.stringify({ run, needs }));
  });
}
