import { formatTable } from '../table.js';
import type { CheckResult } from './check.js';
import type { LabRow } from './verify-lab.js';

/** The labs table, the failures with what to do, and the closing `N passed, N failed` line. */
export function printReport(rows: LabRow[], results: CheckResult[], seconds: number): void {
  const columns = [
    { header: 'lab' },
    { header: 'starter must fail' },
    { header: 'solution must pass' },
    { header: 'mistakes' },
    { header: 'mutation score' },
    { header: 'solution run', align: 'right' as const },
    { header: 'time in checks', align: 'right' as const },
  ];
  console.log(`\n${formatTable(columns, rows.map((r) => [r.lab, r.starter, r.solution, r.mistakes, r.mutation, r.seconds, r.checking]))}`);

  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    console.log('\nFailed:');
    for (const result of failed) console.log(`  ✗ ${result.name}\n      ${(result.detail ?? '').replace(/\n/g, '\n      ')}`);
  }
  const passed = results.length - failed.length;
  console.log(`\nVerified in ${seconds.toFixed(0)} s.`);
  console.log(`${passed} passed, ${failed.length} failed`);
}
