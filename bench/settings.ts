// How much work each section does. The full run is sized to finish in under three minutes
// on two cores with stable medians; the quick run (a few hundred operations) only proves
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

export interface BenchSettings {
  quick: boolean;
  read: ReadSettings;
  stampede: StampedeSettings;
  hit: HitSettings;
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

function pick(quick: boolean): BenchSettings {
  return quick
    ? {
        quick,
        read: { latenciesMs: [0, 5, 20], readsPerRun: 300, rounds: 1, concurrency: 8, zipfExponent: 1 },
        stampede: { misses: 200, clients: 4, dbLatencyMs: 5, rounds: 1 },
        hit: { sequential: 300, concurrent: 300, inFlight: 32, rounds: 1, warmup: 100 },
      }
    : {
        quick,
        read: { latenciesMs: [0, 5, 20], readsPerRun: 2000, rounds: 3, concurrency: 8, zipfExponent: 1 },
        stampede: { misses: 1000, clients: 4, dbLatencyMs: 20, rounds: 3 },
        hit: { sequential: 3000, concurrent: 20000, inFlight: 32, rounds: 7, warmup: 2000 },
      };
}
