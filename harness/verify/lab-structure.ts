import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Lab } from '../lab-meta.js';
import { ROOT } from '../labs.js';
import { isExplained, MIN_SCORE, readReport, scoreOf } from '../mutate/mutation-report.js';
import type { CheckResult } from './check.js';
import { readMistakeHeader, type MistakeHeader } from './mistake-header.js';

export interface Mistake extends MistakeHeader {
  /** Path from the repository root, which is also its LAB_TARGET. */
  path: string;
}

/** Every hole a lab's suite once let through stays closed by a mistake file; ten is the floor. */
const MIN_MISTAKES = 10;
const README_HEADINGS = ['## What you build', '## The interface', '## Run it', '## What green means'];
const FORBIDDEN_IN_SUITES = /\b(?:it|test|describe)\.(?:skip|only|todo)\b|\bx(?:it|describe)\(/;

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

/** The mistakes of a lab with their headers; a malformed header becomes a failed check. */
export function readMistakes(lab: Lab, results: CheckResult[]): Mistake[] {
  const dir = join(lab.solutionDir, 'mistakes');
  return filesUnder(dir).flatMap((file) => {
    const path = relative(ROOT, join(dir, file));
    try {
      return [{ path, ...readMistakeHeader(readFileSync(join(dir, file), 'utf8'), path) }];
    } catch (error) {
      results.push({ name: `${lab.name}: ${path} header`, ok: false, detail: (error as Error).message });
      return [];
    }
  });
}

/** What a lab folder must hold, beyond its suite's outcomes (rustlings' dev check, for this course). */
export function checkLabStructure(lab: Lab, mistakes: Mistake[]): CheckResult[] {
  const problems: string[] = [];
  const readme = existsSync(join(lab.dir, 'README.md')) ? readFileSync(join(lab.dir, 'README.md'), 'utf8') : '';
  for (const heading of README_HEADINGS) {
    if (!readme.includes(heading)) problems.push(`README.md lacks "${heading}"`);
  }
  const labFiles = filesUnder(lab.dir);
  const stray = labFiles.filter((f) => !/^(README\.md|lab\.yaml|src\/.+\.ts|[\w-]+\.(test|support)\.ts)$/.test(f));
  const straySolution = filesUnder(lab.solutionDir).filter((f) => !/^((src|mistakes|broken)\/[\w./-]+\.ts|mutation\.md)$/.test(f));
  problems.push(...stray.map((f) => `stray file labs/${lab.name}/${f}`));
  problems.push(...straySolution.map((f) => `stray file solutions/${lab.name}/${f}`));
  if (!existsSync(join(lab.solutionDir, 'src'))) problems.push(`no solution: create solutions/${lab.name}/src/`);
  if (mistakes.length < MIN_MISTAKES) {
    problems.push(`${mistakes.length} mistakes; a lab needs at least ${MIN_MISTAKES} in solutions/${lab.name}/mistakes/, one wrong idea per file`);
  }

  const starter = labFiles.filter((f) => f.startsWith('src/')).map((f) => readFileSync(join(lab.dir, f), 'utf8'));
  if (!starter.some((text) => text.includes(`TODO(${lab.number})`))) problems.push(`no "TODO(${lab.number})" marks in the starter`);
  for (const suite of labFiles.filter((f) => f.endsWith('.test.ts'))) {
    if (FORBIDDEN_IN_SUITES.test(readFileSync(join(lab.dir, suite), 'utf8'))) {
      problems.push(`${suite} skips or focuses checks (skip/only/todo/xit): every check must always run`);
    }
  }
  for (const page of [`docs/lessons/${lab.meta.lesson}.md`, `docs/labs/${lab.name}.md`, `quizzes/${lab.meta.lesson}.yaml`]) {
    if (!existsSync(join(ROOT, page))) problems.push(`missing ${page}`);
  }
  return [
    {
      name: `${lab.name}: folder, README, lesson, quiz and mistakes in place`,
      ok: problems.length === 0,
      detail: problems.join('; '),
    },
  ];
}

/** The lab's mutation report exists, scores at least MIN_SCORE, and explains every survivor. */
export function checkMutationReport(lab: Lab): { result: CheckResult; score?: number } {
  const name = `${lab.name}: mutation testing of the solution scores at least ${MIN_SCORE}%, every survivor explained`;
  const summary = readReport(join(lab.solutionDir, 'mutation.md'));
  if (!summary) {
    return { result: { name, ok: false, detail: `no solutions/${lab.name}/mutation.md with a score line. Run: npm run mutate ${lab.number}` } };
  }
  const score = scoreOf(summary);
  const unexplained = summary.survivors.filter((survivor) => !isExplained(survivor));
  const problems = [
    ...(score < MIN_SCORE ? [`score ${score}% is below ${MIN_SCORE}%`] : []),
    ...(unexplained.length ? [`${unexplained.length} survivor(s) not explained (first: ${unexplained[0]!.where} ${unexplained[0]!.mutation})`] : []),
  ];
  return {
    score,
    result: { name, ok: problems.length === 0, detail: `${problems.join('; ')}. Kill them with checks, or say in mutation.md why each is equivalent or irrelevant; then npm run mutate ${lab.number}` },
  };
}
