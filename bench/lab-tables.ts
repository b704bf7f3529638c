// The tables of the sections that measure later labs against what a team would pick
// instead (rate limiting, ...), in the same style as tables.ts.
import { formatTable } from '../harness/table.js';
import type { ClusterSection, CodecSection, LlmSection, RateLimitSection } from './results.js';
import { figure, withSpread } from './tables.js';

export function codecTable(section: CodecSection): string {
  const title =
    `4. Codecs: the product of lab 01 (${section.productBytesAsJson} bytes as JSON, with a Date) and the category page of lab 04 ` +
    `(${section.pageProducts} products); bytes by STRLEN once stored; µs per call, one call at a time; the solution gzips above ` +
    `${section.compressAboveBytes} bytes; median of ${section.rounds} round(s).`;
  const table = formatTable(
    [
      { header: 'value' },
      { header: 'codec' },
      { header: 'bytes', align: 'right' },
      { header: 'encode µs', align: 'right' },
      { header: 'decode µs', align: 'right' },
      { header: 'types kept' },
    ],
    section.rows.map((row) => [
      row.value,
      row.codec,
      row.bytesStored.toLocaleString('en-US'),
      withSpread(row.encodeUs),
      withSpread(row.decodeUs),
      row.typesKept ? 'yes' : 'no',
    ]),
  );
  return `${title}\n\n${table}`;
}

export function rateLimitTable(section: RateLimitSection): string {
  const title =
    `5. Rate limiting: ${section.instances} app instances, one Redis. Burst: ${section.burst} requests of one API key at once, ` +
    `limit ${section.limit} per ${section.windowMs / 1000} s. Throughput: ${section.decisions} decisions over ${section.apiKeys} keys ` +
    `(limit ${section.throughputLimit} each, so all admitted), ${section.inFlight} in flight; median of ${section.rounds} round(s).`;
  const table = formatTable(
    [
      { header: 'limiter' },
      { header: 'burst admitted', align: 'right' },
      { header: 'wrongly admitted', align: 'right' },
      { header: 'decisions/s', align: 'right' },
      { header: 'p99 ms', align: 'right' },
    ],
    section.rows.map((row) =>
      row.available && row.admitted && row.decisionsPerSecond && row.p99Ms
        ? [
            row.name,
            `${row.admitted.median} of ${section.burst}`,
            String(row.wronglyAdmitted ?? 0),
            withSpread(row.decisionsPerSecond),
            withSpread(row.p99Ms, figure),
          ]
        : [row.name, '-', '-', '-', `unavailable: ${row.reason ?? 'unknown'}`],
    ),
  );
  return `${title}\n\n${table}`;
}

export function llmTable(section: LlmSection): string {
  const repeats = 1 - section.distinctQuestions / section.requests;
  const title =
    `6. LLM cache: ${section.requests} requests drawn by Zipf(s=${section.zipfExponent}) from ${section.questions} questions ` +
    `(${section.distinctQuestions} distinct asked, so ${(repeats * 100).toFixed(0)}% are repeats), model ${section.modelLatencyMs} ms per call, ` +
    `${section.inFlight} in flight over ${section.instances} app instances, cache cold at the start; median of ${section.rounds} round(s).`;
  const table = formatTable(
    [
      { header: 'path' },
      { header: 'paid calls', align: 'right' },
      { header: 'tokens billed', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'all answered (s)', align: 'right' },
    ],
    section.rows.map((row) => [
      row.name,
      figure(row.paidCalls.median),
      figure(row.tokensBilled.median),
      withSpread(row.p50Ms),
      withSpread(row.p99Ms),
      withSpread(row.wallMs, (ms) => figure(ms / 1000)),
    ]),
  );
  return `${title}\n\n${table}`;
}

export function clusterTable(section: ClusterSection): string {
  const title =
    `7. One node vs cluster: ${section.commands} commands per run (${(section.readShare * 100).toFixed(0)}% GET, the rest SET with a TTL, ` +
    `${section.valueBytes}-byte values) over ${section.keys} keys ("spread") or one key ("hot key"), from ${section.clients} clients, ` +
    `${section.inFlight} in flight; servers started for the run on this machine (cluster up in ${(section.clusterStartMs / 1000).toFixed(1)} s), ` +
    `sharing its cores with the bench; median of ${section.rounds} round(s).`;
  const table = formatTable(
    [
      { header: 'workload' },
      { header: 'topology' },
      { header: 'commands/s', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'busiest primary', align: 'right' },
    ],
    section.rows.map((row) => [
      row.workload,
      row.topology,
      withSpread(row.commandsPerSecond),
      withSpread(row.p50Ms),
      withSpread(row.p99Ms),
      row.busiestPrimaryShare ? `${(row.busiestPrimaryShare.median * 100).toFixed(0)}% of commands` : '-',
    ]),
  );
  return `${title}\n\n${table}`;
}
