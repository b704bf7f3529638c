import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult } from '../verify/check.js';
import { checkClaims } from './claims.js';
import { fairnessOf, unfairness } from './fairness.js';
import { loadQuizzes, REPO_ROOT, type LoadOptions } from './load.js';

/**
 * verify's quiz checks: one result per quiz file (schema, lesson page, file name), one
 * saying every lesson has a quiz, and one per claim run against the live Redis.
 */
export async function verifyQuizzes(redisUrl: string, options: LoadOptions = {}): Promise<CheckResult[]> {
  const root = options.root ?? REPO_ROOT;
  const { quizzes, problems } = await loadQuizzes(options);
  const results: CheckResult[] = [];

  const files = [...new Set([...quizzes.map((quiz) => quiz.file), ...problems.map((problem) => problem.file)])].sort();
  for (const file of files) {
    const lines = problems.filter((problem) => problem.file === file).map((problem) => problem.line);
    results.push({
      name: `quiz ${file} is valid`,
      ok: lines.length === 0,
      ...(lines.length ? { detail: `${lines.join('\n')}\nSee quizzes/README.md; try it with npm run quiz.` } : {}),
    });
  }

  // Every lesson with a lab has a "design it" prompt for the mock interview and the interview page.
  const labNumbers = existsSync(join(root, 'labs')) ? readdirSync(join(root, 'labs')).filter((name) => /^\d{2}-/.test(name)).map((name) => name.slice(0, 2)) : [];
  const withoutDesign = quizzes
    .filter((quiz) => labNumbers.includes(quiz.lesson.slice(0, 2)))
    .filter((quiz) => !quiz.questions.some((question) => question.type === 'open' && question.design === true))
    .map((quiz) => quiz.file);
  results.push({
    name: 'every lesson with a lab has a "design it" question (open, design: true)',
    ok: withoutDesign.length === 0,
    ...(withoutDesign.length ? { detail: `none in: ${withoutDesign.join(', ')}. See quizzes/README.md, "Design it".` } : {}),
  });

  // Lazy strategies (always a, always the longest) must not pass, per quiz and for the bank.
  for (const fairness of [...quizzes.map((quiz) => fairnessOf(quiz.file, [quiz])), fairnessOf('the whole bank', quizzes)]) {
    const found = unfairness(fairness);
    results.push({
      name: `quiz ${fairness.file} cannot be passed by guessing (answer positions spread, first or longest option scores at most 40%)`,
      ok: found.length === 0,
      ...(found.length ? { detail: `${found.join('; ')}. Move right answers to other positions or rewrite options; see quizzes/README.md, "Fair options".` } : {}),
    });
  }

  const lessonDir = options.lessonDir ?? join(root, 'docs', 'lessons');
  const lessons = existsSync(lessonDir)
    ? readdirSync(lessonDir).filter((name) => /^\d{2}-.*\.md$/.test(name)).map((name) => name.slice(0, -3))
    : [];
  const quizzed = new Set(quizzes.map((quiz) => quiz.lesson));
  const unquizzed = lessons.filter((lesson) => !quizzed.has(lesson));
  results.push({
    name: 'every lesson has a quiz',
    ok: lessons.length > 0 && unquizzed.length === 0,
    ...(lessons.length === 0
      ? { detail: 'no lessons found in docs/lessons/' }
      : unquizzed.length
        ? { detail: `no quizzes/<lesson>.yaml for: ${unquizzed.join(', ')}` }
        : {}),
  });

  // Claims only from files that are otherwise valid: a broken file already failed above.
  const broken = new Set(problems.map((problem) => problem.file));
  const claims = await checkClaims(redisUrl, quizzes.filter((quiz) => !broken.has(quiz.file)));
  for (const claim of claims) {
    results.push({
      name: `quiz claim ${claim.file} ${claim.questionId}: ${claim.says}`,
      ok: claim.ok,
      ...(claim.detail ? { detail: `${claim.detail}\nFix the claim or the answer that relies on it.` } : {}),
    });
  }
  return results;
}
