import type { CheckResult } from './check.js';
import type { LabRow } from './verify-lab.js';

/** The labs table, the failures with what to do, and the closing `N passed, N failed` line. */
export function printReport(rows: LabRow[], results: CheckResult[], seconds: number): void {
  const header: LabRow = { lab: 'lab', starter: 'starter must fail', solution: 'solution must pass', mistakes: 'mistakes', seconds: 'solution run' };
  const all = [header, ...rows];
  const widths = (Object.keys(header) as (keyof LabRow)[]).map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (row: LabRow) =>
    (Object.keys(header) as (keyof LabRow)[]).map((k, i) => row[k].padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  rows.forEach((row) => console.log(line(row)));

  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    console.log('\nFailed:');
    for (const result of failed) console.log(`  ✗ ${result.name}\n      ${result.detail ?? ''}`);
  }
  const passed = results.length - failed.length;
  console.log(`\nVerified in ${seconds.toFixed(0)} s.`);
  console.log(`${passed} passed, ${failed.length} failed`);
}
