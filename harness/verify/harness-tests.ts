import type { CheckResult } from './check.js';
import { lastLines, runVitestReport } from './run-suite.js';

/** The course's tests of its own support code (harness/**\/*.test.ts), one result per test. */
export async function verifyHarness(env: Record<string, string>): Promise<CheckResult[]> {
  const { report, stderr } = await runVitestReport(['harness/'], env);
  if (!report) return [{ name: 'Harness self-tests ran', ok: false, detail: lastLines(stderr) }];
  return report.testResults.flatMap((file) => {
    const where = file.name.slice(file.name.indexOf('harness/'));
    if (file.assertionResults.length === 0) {
      return [{ name: `Harness: ${where} loads`, ok: false, detail: lastLines(file.message ?? '') }];
    }
    return file.assertionResults.map((result) => ({
      name: `Harness: ${result.title}`,
      ok: result.status === 'passed',
      detail: `${result.failureMessages?.[0]?.split('\n')[0] ?? ''} Run: npx vitest run ${where}`,
    }));
  });
}
