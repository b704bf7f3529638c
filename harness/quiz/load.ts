import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { LESSON_SLUG, quizSchema, type LoadedQuiz } from './schema.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One thing wrong with one quiz file, already phrased as a single line. */
export interface QuizProblem {
  file: string;
  /** `quizzes/04-stampede.yaml: question "lock-owner-token": options[1].why: why must not be empty` */
  line: string;
  /** The site tolerates a quiz whose lesson page is not written yet; verify does not. */
  kind: 'invalid' | 'missing-lesson';
}

export interface LoadedQuizzes {
  quizzes: LoadedQuiz[];
  problems: QuizProblem[];
}

export interface LoadOptions {
  /** Where the NN-slug.yaml files live; default quizzes/ at the repository root. */
  quizDir?: string;
  /** Where each quiz's lesson page must exist; default docs/lessons/. */
  lessonDir?: string;
  /** Paths in messages are relative to this; default the repository root. */
  root?: string;
}

/** Reads and validates every quiz file; never throws for a bad file, it reports it. */
export async function loadQuizzes(options: LoadOptions = {}): Promise<LoadedQuizzes> {
  const root = options.root ?? REPO_ROOT;
  const quizDir = options.quizDir ?? join(root, 'quizzes');
  const lessonDir = options.lessonDir ?? join(root, 'docs', 'lessons');
  const names = existsSync(quizDir) ? (await readdir(quizDir)).sort() : [];
  const result: LoadedQuizzes = { quizzes: [], problems: [] };
  for (const name of names) {
    const path = join(quizDir, name);
    const file = relative(root, path);
    if (name.endsWith('.yml')) {
      result.problems.push({ file, kind: 'invalid', line: `${file}: rename it to ${name.slice(0, -4)}.yaml` });
      continue;
    }
    if (!name.endsWith('.yaml')) continue;
    const parsed = parseQuizSource(file, await readFile(path, 'utf8'));
    result.problems.push(...parsed.problems);
    if (!parsed.quiz) continue;
    const lessonPage = join(lessonDir, `${parsed.quiz.lesson}.md`);
    if (!existsSync(lessonPage)) {
      result.problems.push({
        file,
        kind: 'missing-lesson',
        line: `${file}: lesson: ${relative(root, lessonPage)} does not exist; write the lesson or fix the slug`,
      });
    }
    result.quizzes.push(parsed.quiz);
  }
  return result;
}

/** Parses one file's text. A quiz comes back only when the file is fully valid. */
export function parseQuizSource(file: string, source: string): { quiz?: LoadedQuiz; problems: QuizProblem[] } {
  const invalid = (line: string): QuizProblem => ({ file, kind: 'invalid', line: `${file}: ${line}` });
  const doc = parseDocument(source);
  const yamlError = doc.errors[0];
  if (yamlError) {
    // The yaml package appends a code frame after the first line; one line is enough here.
    const first = yamlError.message.split('\n')[0]?.replace(/:$/, '') ?? 'unreadable YAML';
    return { problems: [invalid(`not valid YAML: ${first}`)] };
  }
  const raw: unknown = doc.toJS();
  const checked = quizSchema.safeParse(raw);
  if (!checked.success) {
    return { problems: checked.error.issues.map((issue) => invalid(describeIssue(raw, issue))) };
  }
  const expected = basename(file).replace(/\.yaml$/, '');
  if (!LESSON_SLUG.test(expected)) {
    return { problems: [invalid(`the file name must be NN-slug.yaml, named like its lesson`)] };
  }
  if (checked.data.lesson !== expected) {
    return { problems: [invalid(`lesson: "${checked.data.lesson}" must match the file name "${expected}"`)] };
  }
  return { quiz: { ...checked.data, file }, problems: [] };
}

/** `question "lock-owner-token": options[1].why: why must not be empty` */
function describeIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const path = [...issue.path];
  let where = '';
  if (path[0] === 'questions' && typeof path[1] === 'number') {
    const index = path[1];
    const id = valueAt(raw, ['questions', index, 'id']);
    where = typeof id === 'string' ? `question "${id}"` : `question #${index + 1}`;
    path.splice(0, 2);
  }
  const field = path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
  const missing = issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined;
  const message = missing ? 'is missing' : issue.message;
  return [where, field, message].filter(Boolean).join(': ');
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** A quiz by what a learner typed: 4, 04, 04-stampede, stampede or quizzes/04-stampede.yaml. */
export function findQuiz(quizzes: LoadedQuiz[], wanted: string): LoadedQuiz | undefined {
  const name = wanted.trim().toLowerCase().replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  const number = /^\d+$/.test(name) ? name.padStart(2, '0') : undefined;
  return (
    quizzes.find((quiz) => quiz.lesson === name) ??
    quizzes.find((quiz) => number !== undefined && quiz.lesson.startsWith(`${number}-`)) ??
    quizzes.find((quiz) => quiz.lesson.slice(3) === name)
  );
}
