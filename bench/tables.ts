// The first three result tables as text (lab-tables.ts holds the others), plus the header
// that says what machine measured them.
import { formatTable } from '../harness/table.js';
import type { Environment } from './context.js';
import type { HitSection, ReadSection, StampedeSection } from './results.js';
import type { Repeated } from './stats.js';

/** Three significant digits, without switching to exponent notation. */
export function figure(value: number): string {
  if (!Number.isFinite(value)) return '-';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** "12.3 ±4%": the median of the rounds and half their interquartile range, relative to it. */
export function withSpread(value: Repeated, format: (n: number) => string = figure): string {
  if (value.rounds.length < 2) return format(value.median);
  return `${format(value.median)} ±${(value.spread * 100).toFixed(0)}%`;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const times = (ratio: number) => `${ratio.toFixed(2)}×`;

export function environmentLines(env: Environment, quick: boolean): string {
  return [
    `Machine: ${env.cores} cores (${env.cpu}), Node ${env.node}; Redis ${env.redis}, Postgres ${env.postgres}; commit ${env.commit}.`,
    env.loadAverage > env.cores
      ? `Load average ${env.loadAverage.toFixed(1)} on ${env.cores} cores at the start: other work was competing, so expect wide spreads.`
      : '',
    quick ? 'Quick mode: a few hundred operations per figure; good for "it still runs", not for the numbers.' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function readTable(section: ReadSection): string {
  const title =
    `1. Read path: ${section.readsPerRun} reads per run, Zipf(s=${section.zipfExponent}) over ${section.catalogue} products ` +
    `(top 1% of products get ${percent(section.topPercentShare)} of reads), ${section.concurrency} callers in flight, ` +
    `cache cold at the start of each run; median of ${section.rounds} round(s), ± = half the rounds' interquartile range.`;
  const table = formatTable(
    [
      { header: 'db latency', align: 'right' },
      { header: 'path' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'reads/s', align: 'right' },
      { header: 'hit ratio', align: 'right' },
    ],
    section.rows.map((row) => [
      `+${row.dbLatencyMs} ms`,
      row.path,
      withSpread(row.p50Ms),
      withSpread(row.p99Ms),
      withSpread(row.readsPerSecond),
      row.hitRatio ? percent(row.hitRatio.median) : '-',
    ]),
  );
  return `${title}\n\n${table}`;
}

export function stampedeTable(section: StampedeSection): string {
  const title =
    `2. Stampede: ${section.misses} concurrent misses on one hot key over ${section.clients} Redis clients ` +
    `(standing for ${section.clients} processes), database +${section.dbLatencyMs} ms per query; ` +
    `median of ${section.rounds} round(s).`;
  const table = formatTable(
    [
      { header: 'implementation' },
      { header: 'db loads', align: 'right' },
      { header: 'loads per round', align: 'right' },
      { header: 'time to serve all (ms)', align: 'right' },
      { header: 'one load across processes?' },
    ],
    section.rows.map((row) =>
      row.available && row.loads && row.timeToServeAllMs
        ? [row.name, String(row.loads.median), row.loads.rounds.join(', '), withSpread(row.timeToServeAllMs), row.crossesProcesses ?? '']
        : [row.name, '-', '-', '-', `unavailable: ${row.reason ?? 'unknown'}`],
    ),
  );
  return `${title}\n\n${table}`;
}

export function hitTable(section: HitSection): string {
  const title =
    `3. Hit path: one cached product (${section.valueBytes} bytes of JSON); latency from ${section.sequential} reads one at a time (variants taking turns), ` +
    `CPU time of this process per read from ${section.concurrent} reads with ${section.inFlight} in flight; ` +
    `median of ${section.rounds} round(s); × = cost relative to "${section.baseline}" in the same round.`;
  const table = formatTable(
    [
      { header: 'variant' },
      { header: 'p50 µs', align: 'right' },
      { header: 'p99 µs', align: 'right' },
      { header: 'latency ×', align: 'right' },
      { header: 'cpu µs/read', align: 'right' },
      { header: 'cpu ×', align: 'right' },
    ],
    section.rows.map((row) =>
      row.available && row.p50Us && row.p99Us && row.cpuUs && row.latencyRatio && row.cpuRatio
        ? [
            row.name,
            withSpread(row.p50Us),
            figure(row.p99Us.median),
            withSpread(row.latencyRatio, times),
            withSpread(row.cpuUs),
            withSpread(row.cpuRatio, times),
          ]
        : [row.name, '-', '-', '-', '-', row.reason ?? 'unavailable'],
    ),
  );
  const ratios = section.rows
    .filter((row) => row.name !== section.baseline && !row.name.startsWith(' '))
    .map((row) =>
      row.latencyRatio && row.cpuRatio
        ? `${row.name}: ${times(row.latencyRatio.median)} in latency, ${times(row.cpuRatio.median)} in CPU`
        : `${row.name}: ${row.reason ?? 'unavailable'}`,
    );
  return `${title}\n\n${table}\n\nHit-path ratio against ${section.baseline}: ${ratios.join('; ')}.`;
}
