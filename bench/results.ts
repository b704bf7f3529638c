// The shape of docs/bench-results.json: what the site's chart reads and the tables print.
// Times are in milliseconds unless a field says otherwise; every repeated figure keeps
// its rounds, so a reader can see the spread behind a median.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Environment } from './context.js';
import type { Repeated } from './stats.js';

export type SectionName = 'read' | 'stampede' | 'hit' | 'codec' | 'ratelimit' | 'llm' | 'cluster';
export const SECTIONS: readonly SectionName[] = ['read', 'stampede', 'hit', 'codec', 'ratelimit', 'llm', 'cluster'];

export interface ReadRow {
  dbLatencyMs: number;
  path: 'database only' | 'read-through (lab 01 solution)';
  p50Ms: Repeated;
  p99Ms: Repeated;
  readsPerSecond: Repeated;
  /** Share of reads answered without a database query; null for the database-only path. */
  hitRatio: Repeated | null;
}

export interface ReadSection {
  readsPerRun: number;
  rounds: number;
  concurrency: number;
  catalogue: number;
  zipfExponent: number;
  /** Share of reads that go to the 1 % most popular products under this skew. */
  topPercentShare: number;
  rows: ReadRow[];
}

export interface StampedeRow {
  name: string;
  available: boolean;
  /** Why the row has no numbers, when it is unavailable. */
  reason?: string;
  loads?: Repeated;
  timeToServeAllMs?: Repeated;
  /** One database load however many processes missed together? */
  crossesProcesses?: string;
}

export interface StampedeSection {
  misses: number;
  clients: number;
  dbLatencyMs: number;
  rounds: number;
  rows: StampedeRow[];
}

export interface HitRow {
  name: string;
  available: boolean;
  reason?: string;
  /** One read at a time: the latency of a hit, in microseconds. */
  p50Us?: Repeated;
  p99Us?: Repeated;
  /** With many reads in flight: CPU time of the bench process per read, in microseconds. */
  cpuUs?: Repeated;
  /** p50 latency of this row over the baseline's, per round. */
  latencyRatio?: Repeated;
  /** CPU per read of this row over the baseline's, per round. */
  cpuRatio?: Repeated;
}

export interface HitSection {
  sequential: number;
  concurrent: number;
  inFlight: number;
  rounds: number;
  valueBytes: number;
  baseline: string;
  rows: HitRow[];
}

export interface CodecRow {
  value: 'product' | 'page';
  codec: string;
  /** STRLEN of the key after storing the encoded value. */
  bytesStored: number;
  /** Mean time per call, in microseconds, one call at a time. */
  encodeUs: Repeated;
  decodeUs: Repeated;
  /** Whether decoding gives back a value deeply equal to the original, Dates included. */
  typesKept: boolean;
}

export interface CodecSection {
  productBytesAsJson: number;
  pageProducts: number;
  /** The solution compresses entries larger than this. */
  compressAboveBytes: number;
  rounds: number;
  rows: CodecRow[];
}

export interface RateLimitRow {
  name: string;
  available: boolean;
  reason?: string;
  /** Requests of the burst let through, per round. */
  admitted?: Repeated;
  /** Let through beyond the limit in the worst round. */
  wronglyAdmitted?: number;
  decisionsPerSecond?: Repeated;
  p99Ms?: Repeated;
}

export interface RateLimitSection {
  /** App instances sharing one Redis, each with its own connection and module state. */
  instances: number;
  /** The burst's limit (N) and its size (N + k), all requests of one API key at once. */
  limit: number;
  burst: number;
  /** The throughput run: decisions, callers in flight, API keys and their limit. */
  decisions: number;
  inFlight: number;
  apiKeys: number;
  throughputLimit: number;
  windowMs: number;
  rounds: number;
  rows: RateLimitRow[];
}

export interface LlmRow {
  name: string;
  /** Calls the model server answered: each one is paid for. */
  paidCalls: Repeated;
  tokensBilled: Repeated;
  /** What a caller waited, from the request to the answer. */
  p50Ms: Repeated;
  p99Ms: Repeated;
  /** Time to answer all the requests. */
  wallMs: Repeated;
}

export interface LlmSection {
  requests: number;
  /** The question set the requests are drawn from, and how many of it the run asked. */
  questions: number;
  distinctQuestions: number;
  zipfExponent: number;
  /** The model server's delay per call. */
  modelLatencyMs: number;
  inFlight: number;
  instances: number;
  rounds: number;
  rows: LlmRow[];
}

export interface ClusterRow {
  topology: 'one node' | 'cluster, 3 primaries';
  /** GETs and SETs spread over many keys, or every command on one hot key. */
  workload: 'spread' | 'hot key';
  commandsPerSecond: Repeated;
  p50Ms: Repeated;
  p99Ms: Repeated;
  /** Share of the run's commands the busiest primary processed; null for one node. */
  busiestPrimaryShare: Repeated | null;
}

export interface ClusterSection {
  commands: number;
  keys: number;
  /** Share of GETs; the rest are SETs with a TTL. */
  readShare: number;
  valueBytes: number;
  /** Connections (ioredis clients) per topology, and commands in flight over them. */
  clients: number;
  inFlight: number;
  rounds: number;
  clusterStartMs: number;
  rows: ClusterRow[];
}

export interface BenchResults {
  measuredAt: string;
  quick: boolean;
  environment: Environment;
  read?: ReadSection;
  stampede?: StampedeSection;
  hit?: HitSection;
  codec?: CodecSection;
  ratelimit?: RateLimitSection;
  llm?: LlmSection;
  cluster?: ClusterSection;
}

/**
 * Writes the results; a run of some sections only keeps the other sections of the file
 * it replaces, so `--section hit` does not erase the stampede table from the site.
 */
export function writeResults(path: string, results: BenchResults): void {
  let merged: BenchResults = results;
  if (existsSync(path)) {
    try {
      const previous = JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
      merged = { ...previous, ...results };
    } catch {
      // An unreadable file is simply replaced.
    }
  }
  writeFileSync(path, `${JSON.stringify(merged, roundNumbers, 2)}\n`);
}

/** Four significant digits are plenty for timings and keep the committed file readable. */
function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(4)) : value;
}
