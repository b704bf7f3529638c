// The course's own check on the pool `npm run watch` runs in: threads kept between runs,
// yet the learner's code loaded afresh on each.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVitest } from 'vitest/node';
import { ROOT } from '../labs.js';
import { warmThreads } from './warm-threads.js';

interface Report {
  threadId: number;
  lab: number;
  kept: number;
  edition: string;
}

describe('the watch pool', () => {
  it('keeps a thread from run to run, with what it loaded, but loads labs/ and changed files again', { timeout: 30_000 }, async () => {
    mkdirSync(join(ROOT, '.course'), { recursive: true });
    // A copy inside the repo, so that vitest resolves from it and the edit below touches no tracked file.
    const root = mkdtempSync(join(ROOT, '.course', 'warm-'));
    cpSync(join(ROOT, 'harness/vitest/fixtures/warm'), root, { recursive: true });
    const report = join(root, 'report.ndjson');
    writeFileSync(report, '');
    let runs: Report[] = [];
    const vitest = await createVitest('test', {
      root,
      config: false,
      include: ['warm.fixture.ts'],
      pool: warmThreads(root),
      isolate: false,
      maxWorkers: 1,
      watch: false,
      reporters: [{}], // silent
      env: { WARM_REPORT: report },
    });
    try {
      await vitest.start();
      const specifications = await vitest.globTestSpecifications();
      await vitest.rerunTestSpecifications(specifications);
      const edited = join(root, 'edited.ts');
      writeFileSync(edited, "export const edition = 'second';\n");
      vitest.invalidateFile(edited);
      vitest.watcher.invalidates.add(edited);
      await vitest.rerunTestSpecifications(specifications);
      runs = readFileSync(report, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Report);
    } finally {
      await vitest.close();
      rmSync(root, { recursive: true, force: true });
    }
    expect(runs.map((run) => run.threadId), 'one thread for all three runs: it was kept').toEqual(Array(3).fill(runs[0]!.threadId));
    expect(runs.map((run) => run.kept), 'a module outside labs/ is loaded once and kept').toEqual([1, 2, 3]);
    expect(runs.map((run) => run.lab), 'a module of labs/ starts afresh on every run').toEqual([1, 1, 1]);
    expect(runs.map((run) => run.edition), 'a file that changed is loaded again').toEqual(['first', 'first', 'second']);
  });
});
