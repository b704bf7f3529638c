// Section 5: rate limiting across two app instances that share one Redis (lab 10). How
// many decisions a second each limiter takes, and how many requests of a burst it lets
// through beyond the limit: the lab's starter, its reference solution, and
// rate-limiter-flexible's Redis store, the library a team would likely pick instead.
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Policy } from '../../labs/10-rate-limiting/src/contract.js';
import type { BenchContext } from '../context.js';
import type { Progress } from '../progress.js';
import type { RateLimitRow, RateLimitSection } from '../results.js';
import { loadSeparately } from '../separate-modules.js';
import type { RateLimitSettings } from '../settings.js';
import { repeated, summarise } from '../stats.js';
import { closedLoop } from '../workload.js';

type LimiterModule = typeof import('../../labs/10-rate-limiting/src/limiter.js');

/** One app instance's limiter, reduced to the only thing both sides measure. */
type Admit = (apiKey: string) => Promise<boolean>;

interface Contender {
  name: string;
  /** One limiter per instance, each on that instance's own Redis connection. */
  instances(clients: Redis[], policy: Policy, prefix: string): Promise<Admit[]>;
}

/** Far above a healthy reply, so a busy machine cannot turn a slow reply into "failed open". */
const PATIENT_MS = 2_000;

/** The lab's limiter, loaded once per instance so its module state is not shared. */
function labLimiter(name: string, specifier: string): Contender {
  return {
    name,
    async instances(clients, policy, prefix) {
      const modules = await loadSeparately<LimiterModule>(specifier, import.meta.url, clients.length);
      return modules.map((code, i) => {
        const limiter = code.createLimiter({
          redis: clients[i]!,
          keyPrefix: prefix,
          policies: { read: policy },
          redisTimeoutMs: PATIENT_MS,
          log: () => {},
        });
        return async (apiKey) => {
          const decision = await limiter.hit(apiKey, 'read');
          // A decision taken without Redis would count as admitted and hide the limiter's
          // real behaviour: the row is reported unavailable instead.
          if (decision.outcome === 'failed-open' || decision.outcome === 'failed-closed') {
            throw new Error(`the limiter could not reach Redis (${decision.outcome})`);
          }
          return decision.outcome === 'allowed';
        };
      });
    },
  };
}

const flexible: Contender = {
  name: 'rate-limiter-flexible (RateLimiterRedis)',
  async instances(clients, policy, prefix) {
    return clients.map((storeClient) => {
      const limiter = new RateLimiterRedis({
        storeClient,
        keyPrefix: `${prefix}rlf`,
        points: policy.limit,
        duration: policy.windowMs / 1000,
      });
      return async (apiKey) => {
        try {
          await limiter.consume(apiKey);
          return true;
        } catch (refusal) {
          // It rejects with a RateLimiterRes when the budget is spent, with an Error otherwise.
          if (refusal instanceof RateLimiterRes) return false;
          throw refusal;
        }
      };
    });
  },
};

const CONTENDERS: Contender[] = [
  labLimiter('lab 10 starter', '../../labs/10-rate-limiting/src/limiter.js'),
  labLimiter('lab 10 solution', '../../solutions/10-rate-limiting/src/limiter.js'),
  flexible,
];

export async function runRateLimit(context: BenchContext, settings: RateLimitSettings, progress: Progress): Promise<RateLimitSection> {
  const clients = Array.from({ length: settings.instances }, () => context.client());
  await Promise.all(clients.map((client) => client.ping()));
  const burstPolicy: Policy = { limit: settings.limit, windowMs: settings.windowMs, onRedisFailure: 'open' };
  const throughputPolicy: Policy = { limit: settings.throughputLimit, windowMs: settings.windowMs, onRedisFailure: 'open' };

  const rows: RateLimitRow[] = [];
  for (const contender of CONTENDERS) {
    const admitted: number[] = [];
    const perSecond: number[] = [];
    const p99: number[] = [];
    let problem: string | undefined;
    for (let round = 0; round < settings.rounds && !problem; round++) {
      // Each round has API keys of its own, so every window starts empty.
      const prefix = `${context.redis.prefix}ratelimit:${round}:`;
      try {
        progress.step(`rate limiting: ${contender.name}, round ${round + 1}/${settings.rounds}: burst`);
        const burst = await contender.instances(clients, burstPolicy, prefix);
        admitted.push(await burstOnce(burst, settings.limit + settings.extra));

        progress.step(`rate limiting: ${contender.name}, round ${round + 1}/${settings.rounds}: throughput`, settings.decisions);
        const steady = await contender.instances(clients, throughputPolicy, prefix);
        const loop = await closedLoop(
          settings.decisions,
          settings.inFlight,
          (i) => steady[i % steady.length]!(`caller-${i % settings.apiKeys}`),
          (done) => progress.update(done),
        );
        perSecond.push((settings.decisions / loop.wallMs) * 1000);
        p99.push(summarise(loop.samples).p99);
      } catch (error) {
        if (context.closed) throw error;
        problem = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      }
    }
    rows.push(
      problem
        ? { name: contender.name, available: false, reason: problem }
        : {
            name: contender.name,
            available: true,
            admitted: repeated(admitted),
            wronglyAdmitted: Math.max(0, Math.max(...admitted) - settings.limit),
            decisionsPerSecond: repeated(perSecond),
            p99Ms: repeated(p99),
          },
    );
  }
  await context.emptyCache();
  return {
    instances: settings.instances,
    limit: settings.limit,
    burst: settings.limit + settings.extra,
    decisions: settings.decisions,
    inFlight: settings.inFlight,
    apiKeys: settings.apiKeys,
    throughputLimit: settings.throughputLimit,
    windowMs: settings.windowMs,
    rounds: settings.rounds,
    rows,
  };
}

/** `requests` requests of one API key, all at once, dealt out over the instances in turn. */
async function burstOnce(instances: Admit[], requests: number): Promise<number> {
  const answers = await Promise.all(
    Array.from({ length: requests }, (_, i) => instances[i % instances.length]!('burst')),
  );
  return answers.filter(Boolean).length;
}
