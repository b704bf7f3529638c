// The shape of docs/bench-results.json: what the site's chart reads and the tables print.
// Times are in milliseconds unless a field says otherwise; every repeated figure keeps
// its rounds, so a reader can see the spread behind a median.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Environment } from './context.js';
import type { Repeated } from './stats.js';

export type SectionName = 'read' | 'stampede' | 'hit';
export const SECTIONS: readonly SectionName[] = ['read', 'stampede', 'hit'];

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

export interface BenchResults {
  measuredAt: string;
  quick: boolean;
  environment: Environment;
  read?: ReadSection;
  stampede?: StampedeSection;
  hit?: HitSection;
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
