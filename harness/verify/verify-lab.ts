import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lab } from '../lab-meta.js';
import { labSuiteFiles } from '../labs.js';
import type { CheckResult } from './check.js';
import type { PlannedRun } from '../vitest/verify-plan.js';
import { checkLabStructure, checkMutationReport, readMistakes, type Mistake } from './lab-structure.js';
import type { SuiteOutcome } from './run-suite.js';

export interface LabRow {
  lab: string;
  starter: string;
  solution: string;
  mistakes: string;
  mutation: string;
  seconds: string;
  /** Time the lab's checks took over all its targets: its share of verify's time budget. */
  checking: string;
}

const ids = (outcome: SuiteOutcome, passed: boolean) =>
  outcome.checks.filter((c) => c.passed === passed).map((c) => c.id);
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** What proving one lab takes: its targets to run, and what was already checked without running them. */
export interface LabPlan {
  lab: Lab;
  /** Starter, solution, then one run per mistake, in `mistakes` order. */
  runs: PlannedRun[];
  mistakes: Mistake[];
  mutation: ReturnType<typeof checkMutationReport>;
  results: CheckResult[];
}

/** Plans one lab's proof: the starter and the solution on every file, each mistake on the files that hold its checks. */
export function planLab(lab: Lab): LabPlan {
  const results: CheckResult[] = [];
  const mistakes = readMistakes(lab, results);
  const mutation = checkMutationReport(lab);
  results.push(...checkLabStructure(lab, mistakes), mutation.result);

  // A mistake runs only the checks its header says catch it, in the files that hold them:
  // that is the proof verify needs, at a fraction of the cost of the whole suite.
  const suites = suiteFiles(lab);
  const holding = (ids: string[]) => suites.filter((suite) => ids.some((id) => ["'", '"', '`'].some((quote) => suite.text.includes(`${quote}${id} `))));
  const everyFile = suites.map((suite) => suite.path);
  const runs: PlannedRun[] = [
    { target: 'starter', files: everyFile },
    { target: 'solution', files: everyFile },
    ...mistakes.map((m) => {
      const files = holding(m.caughtBy).map((suite) => suite.path);
      return { target: m.path, checks: m.caughtBy, files: files.length ? files : everyFile };
    }),
  ];
  return { lab, runs, mistakes, mutation, results };
}

/** The checks of `caughtBy` that did not fail in `outcome`: a mistake is caught when there are none. */
const missedChecks = (caughtBy: string[], outcome: SuiteOutcome) => caughtBy.filter((id) => !ids(outcome, false).includes(id));

/** A run whose outcome is not the one verify needs, and what it did instead. */
export interface UnexpectedRun {
  /** Into the runs of every plan, in order. */
  index: number;
  /** What happened, in a few words: which checks failed or passed that should not have. */
  why: string;
}

/**
 * The runs (of `plans`, in order) whose outcome is not the one verify needs: the starter
 * failing other checks than lab.yaml declares, the solution failing one, a mistake not
 * caught. A check judged against the clock allows for the time the machine held the process
 * up, and on a busy machine that allowance can be too little (the starter or the solution
 * fails it) or too much (a mistake gets through): verify runs those targets again (main.ts)
 * and takes a later run's outcome when it is the one needed.
 */
export function unexpectedRuns(plans: LabPlan[], outcomes: SuiteOutcome[]): UnexpectedRun[] {
  const unexpected: UnexpectedRun[] = [];
  let index = 0;
  for (const plan of plans) {
    plan.runs.forEach((_, i) => {
      const outcome = outcomes[index + i]!;
      if (!asNeeded(plan, i, outcome)) unexpected.push({ index: index + i, why: whyUnexpected(plan, i, outcome) });
    });
    index += plan.runs.length;
  }
  return unexpected;
}

/** Whether run `i` of `plan` (starter, solution, then the mistakes) gave the outcome verify needs. */
function asNeeded(plan: LabPlan, i: number, outcome: SuiteOutcome): boolean {
  if (outcome.loadError) return false;
  const failed = ids(outcome, false);
  if (i === 0) return sameSet(failed, plan.lab.meta.starter_fails);
  if (i === 1) return outcome.checks.length > 0 && failed.length === 0;
  return missedChecks(plan.runs[i]!.checks ?? [], outcome).length === 0;
}

/** What run `i` of `plan` did instead of what verify needs, in a few words. */
function whyUnexpected(plan: LabPlan, i: number, outcome: SuiteOutcome): string {
  if (outcome.loadError) return 'did not load';
  const failed = ids(outcome, false);
  if (i === 0) {
    const declared = plan.lab.meta.starter_fails;
    const extra = failed.filter((id) => !declared.includes(id));
    const passing = declared.filter((id) => !failed.includes(id));
    return [extra.length ? `${extra.join(', ')} failed` : '', passing.length ? `${passing.join(', ')} passed` : ''].filter(Boolean).join(', ');
  }
  if (i === 1) return failed.length ? `${failed.join(', ')} failed` : 'ran no check';
  return `${missedChecks(plan.runs[i]!.checks ?? [], outcome).join(', ')} passed`;
}

/** Judges one lab from its runs' outcomes (in `plan.runs` order): starter fails as declared, solution passes, each mistake is caught. */
export function judgeLab(plan: LabPlan, outcomes: SuiteOutcome[]): { row: LabRow; results: CheckResult[] } {
  const { lab, mistakes, mutation } = plan;
  const results = [...plan.results];
  const [starter, solution, ...caught] = outcomes;

  const declared = lab.meta.starter_fails;
  const starterFailed = ids(starter!, false);
  const starterResult: CheckResult = {
    name: `${lab.name}: the starter fails exactly the checks lab.yaml names`,
    ok: asNeeded(plan, 0, starter!),
    detail: starter!.loadError
      ? `the starter does not load, so no check ran (a learner would see an error, not a lesson): ${starter!.loadError}`
      : `the starter fails [${starterFailed.join(', ')}]; lab.yaml starter_fails says [${declared.join(', ')}]. Fix the starter or starter_fails, then: npm test labs/${lab.name}`,
  };

  const solutionFailed = solution!.checks.filter((c) => !c.passed);
  const solutionResult: CheckResult = {
    name: `${lab.name}: the solution passes every check`,
    ok: asNeeded(plan, 1, solution!),
    detail:
      solution!.loadError ??
      `${solutionFailed.map((c) => `${c.id} fails: ${c.failure ?? ''}`).join('; ')}. Run: npm run test:solution labs/${lab.name}`,
  };
  results.push(starterResult, solutionResult, checkIds(lab, solution!));

  const mistakeResults = mistakes.map((mistake, i): CheckResult => {
    const outcome = caught[i]!;
    const failed = ids(outcome, false);
    const missed = missedChecks(mistake.caughtBy, outcome);
    // A check that was skipped (its file's setup failed) proves nothing either way.
    const notRun = missed.filter((id) => !outcome.checks.some((check) => check.id === id));
    const passed = missed.filter((id) => !notRun.includes(id));
    return {
      name: `${lab.name}: ${mistake.path} is caught by ${mistake.caughtBy.join(', ')}`,
      ok: asNeeded(plan, i + 2, outcome),
      detail:
        outcome.loadError ??
        [
          passed.length ? `${passed.join(', ')} passed against this mistake (failed: [${failed.join(', ')}]). Strengthen the check, or fix the header.` : '',
          notRun.length ? `${notRun.join(', ')} did not run against this mistake (skipped, or its file's setup failed).` : '',
          `Run: LAB_TARGET=${mistake.path} npm test labs/${lab.name}`,
        ]
          .filter(Boolean)
          .join(' '),
    };
  });
  results.push(...mistakeResults);

  const mark = (result: CheckResult) => (result.ok ? 'ok' : 'FAIL');
  return {
    row: {
      lab: lab.name,
      starter: `${mark(starterResult)}, fails ${starterFailed.length}`,
      solution: `${mark(solutionResult)}, ${solution!.checks.length} checks`,
      mistakes: `${mistakeResults.filter((r) => r.ok).length}/${mistakes.length} caught`,
      mutation: mutation.score === undefined ? 'not run' : `${mutation.result.ok ? '' : 'FAIL, '}${mutation.score}%`,
      seconds: `${solution!.seconds?.toFixed(1)} s`,
      checking: `${outcomes.reduce((sum, outcome) => sum + (outcome.seconds ?? 0), 0).toFixed(0)} s`,
    },
    results,
  };
}

/** The lab's suite files, with their text, paths from the repository root. */
function suiteFiles(lab: Lab): { path: string; text: string }[] {
  return labSuiteFiles(lab.name).map((name) => ({ path: `labs/${lab.name}/${name}`, text: readFileSync(join(lab.dir, name), 'utf8') }));
}

/** Check IDs are unique, numbered for this lab, and every one has hints. */
function checkIds(lab: Lab, outcome: SuiteOutcome): CheckResult {
  const all = outcome.checks.map((c) => c.id);
  const problems = [
    ...all.filter((id, i) => all.indexOf(id) !== i).map((id) => `${id} is used twice`),
    ...all.filter((id) => !id.startsWith(`${lab.number}.`)).map((id) => `"${id}" does not start with a ${lab.number}.k check ID`),
    ...all.filter((id) => !lab.meta.hints[id]).map((id) => `${id} has no hints in lab.yaml`),
    ...Object.keys(lab.meta.hints).filter((id) => !all.includes(id)).map((id) => `lab.yaml has hints for ${id}, which no check has`),
  ];
  return { name: `${lab.name}: check IDs unique, and every check has hints`, ok: problems.length === 0, detail: problems.join('; ') };
}
