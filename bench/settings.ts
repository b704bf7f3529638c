// How much work each section does. The full run is sized to finish in a few minutes on two
// cores with stable medians; the quick run (a few hundred operations) only proves
// that every path still works, for `npm run verify`.

export interface ReadSettings {
  /** Injected delay before each database statement, one table block each. */
  latenciesMs: number[];
  readsPerRun: number;
  rounds: number;
  /** Callers in flight at once (a closed loop). */
  concurrency: number;
  /** Zipf exponent over the catalogue. */
  zipfExponent: number;
}

export interface StampedeSettings {
  misses: number;
  clients: number;
  dbLatencyMs: number;
  rounds: number;
}

export interface HitSettings {
  /** Sequential reads per variant per round. */
  sequential: number;
  /** Reads per variant per round with `inFlight` outstanding at once. */
  concurrent: number;
  inFlight: number;
  rounds: number;
  /** Untimed reads per variant before the first round. */
  warmup: number;
}

export interface CodecSettings {
  /** The product (lab 01) and the category page (lab 04) that are encoded. */
  productId: number;
  category: string;
  /** Encodes and as many decodes per codec per round (and in the untimed warm-up), for each value. */
  productOperations: number;
  pageOperations: number;
  rounds: number;
}

export interface RateLimitSettings {
  /** App instances sharing one Redis. */
  instances: number;
  /** The burst: `limit + extra` requests of one API key at once, limit `limit`. */
  limit: number;
  extra: number;
  windowMs: number;
  /** The throughput run: `decisions` over `apiKeys` keys, `inFlight` at once. */
  decisions: number;
  inFlight: number;
  apiKeys: number;
  /** Per key in the throughput run; above decisions / apiKeys, so every decision admits. */
  throughputLimit: number;
  rounds: number;
}

export interface LlmSettings {
  requests: number;
  /** Size of the question set, and the Zipf exponent of the draws from it. */
  questions: number;
  zipfExponent: number;
  /** The model's time per call. */
  modelLatencyMs: number;
  inFlight: number;
  /** App instances (each its own cache and Redis connection) the requests are dealt over. */
  instances: number;
  rounds: number;
}

export interface ClusterSettings {
  /** Commands per run, over `keys` keys (or one hot key), `readShare` of them GETs. */
  commands: number;
  keys: number;
  readShare: number;
  /** ioredis clients per topology (standing for processes), and commands in flight over them. */
  clients: number;
  inFlight: number;
  rounds: number;
}

export interface BenchSettings {
  quick: boolean;
  read: ReadSettings;
  stampede: StampedeSettings;
  hit: HitSettings;
  codec: CodecSettings;
  ratelimit: RateLimitSettings;
  llm: LlmSettings;
  cluster: ClusterSettings;
}

/**
 * `poolSize` is how many queries Postgres may run at once for the bench. The embedded
 * PGlite serves one at a time, so every injected delay is paid in series: there a full run
 * measures one round per figure, or it would take several minutes.
 */
export function benchSettings(quick: boolean, poolSize: number): BenchSettings {
  const settings = pick(quick);
  if (poolSize < settings.read.concurrency) {
    settings.read.rounds = 1;
    settings.stampede.rounds = 1;
  }
  return settings;
}

/** The values the codecs encode: the hit path's product and the stampede's page. */
const CODEC = { productId: 7, category: 'cups' } as const;

/** The shape of the rate-limit workload; the two runs differ only in how much of it. */
const RATE_LIMIT = {
  instances: 2,
  limit: 100,
  extra: 100,
  windowMs: 60_000,
  inFlight: 32,
  apiKeys: 500,
  throughputLimit: 120,
} as const;

/** The LLM workload: a question set with a Zipf skew, two app instances. */
const LLM = { questions: 1000, zipfExponent: 1, inFlight: 32, instances: 2 } as const;

/** The cluster workload: a cache's mix, nine reads to one write, from four app processes. */
const CLUSTER = { readShare: 0.9, clients: 4, inFlight: 64 } as const;

function pick(quick: boolean): BenchSettings {
  return quick
    ? {
        quick,
        read: { latenciesMs: [0, 5, 20], readsPerRun: 300, rounds: 1, concurrency: 8, zipfExponent: 1 },
        stampede: { misses: 200, clients: 4, dbLatencyMs: 5, rounds: 1 },
        hit: { sequential: 300, concurrent: 300, inFlight: 32, rounds: 1, warmup: 100 },
        codec: { ...CODEC, productOperations: 300, pageOperations: 30, rounds: 1 },
        ratelimit: { ...RATE_LIMIT, decisions: 1000, rounds: 1 },
        llm: { ...LLM, requests: 300, modelLatencyMs: 20, rounds: 1 },
        cluster: { ...CLUSTER, keys: 1000, commands: 2000, rounds: 1 },
      }
    : {
        quick,
        read: { latenciesMs: [0, 5, 20], readsPerRun: 2000, rounds: 3, concurrency: 8, zipfExponent: 1 },
        stampede: { misses: 1000, clients: 4, dbLatencyMs: 20, rounds: 3 },
        hit: { sequential: 3000, concurrent: 20000, inFlight: 32, rounds: 7, warmup: 2000 },
        codec: { ...CODEC, productOperations: 20000, pageOperations: 1000, rounds: 5 },
        ratelimit: { ...RATE_LIMIT, decisions: 20000, rounds: 5 },
        llm: { ...LLM, requests: 1000, modelLatencyMs: 300, rounds: 3 },
        cluster: { ...CLUSTER, keys: 10_000, commands: 50_000, rounds: 3 },
      };
}
