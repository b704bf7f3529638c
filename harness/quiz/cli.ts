import { parseArgs } from 'node:util';
import { LineReader } from './line-reader.js';
import { loadQuizzes } from './load.js';
import { readQuizRecord } from './quiz-record.js';
import { askQuiz, type Tally } from './terminal-quiz.js';
import type { LoadedQuiz } from './schema.js';

/**
 * `npm run quiz [lesson]`: the same questions as the site, in the terminal.
 *   npm run quiz 04            npm run quiz 04-stampede
 *   npm run quiz               (lists the quizzes and asks which; Enter for all)
 *   npm run quiz 04 -- --interview   (only what the interview page lists: open and marked questions)
 */

const USAGE = 'Usage: npm run quiz [lesson] [-- --interview | --list]   e.g. npm run quiz 04';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        interview: { type: 'boolean', short: 'i' },
        list: { type: 'boolean', short: 'l' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }

  const { quizzes, problems } = await loadQuizzes();
  // A broken file should not stop the others; say which one is skipped and why.
  for (const problem of problems) if (problem.kind === 'invalid') console.error(`skipped: ${problem.line}`);
  if (quizzes.length === 0) {
    console.error('No quizzes found in quizzes/. Each lesson gets quizzes/NN-slug.yaml; see quizzes/README.md.');
    return 1;
  }
  const listing = quizzes.map((quiz) => `  ${quiz.lesson.padEnd(28)} ${quiz.title} (${quiz.questions.length})`);
  if (args.values.list) {
    console.log(listing.join('\n'));
    return 0;
  }

  const reader = new LineReader();
  try {
    let wanted = args.positionals[0];
    if (wanted === undefined) {
      console.log(`Quizzes:\n${listing.join('\n')}`);
      const answer = await reader.ask('Which lesson? Type its number, or press Enter for all: ');
      if (answer === null) return 0;
      wanted = answer.trim() || undefined;
    }
    const chosen = wanted === undefined ? quizzes : findQuiz(quizzes, wanted);
    if (!chosen) {
      console.error(`Unknown lesson "${wanted}". Choose one of: ${quizzes.map((quiz) => quiz.lesson).join(', ')}`);
      return 2;
    }

    const tally: Tally = { asked: 0, right: 0 };
    const record = readQuizRecord();
    let ended = false;
    for (const quiz of Array.isArray(chosen) ? chosen : [chosen]) {
      ended = (await askQuiz(quiz, reader, tally, { interviewOnly: args.values.interview === true, record })) === 'ended';
      if (ended) break;
    }
    if (ended) console.log('\nInput ended.');
    console.log(`\nScore: ${tally.right}/${tally.asked}${tally.asked ? ` (${Math.round((100 * tally.right) / tally.asked)}%)` : ''}`);
    return 0;
  } finally {
    reader.close();
  }
}

/** Accepts 4, 04, 04-stampede, stampede or quizzes/04-stampede.yaml. */
function findQuiz(quizzes: LoadedQuiz[], wanted: string): LoadedQuiz | undefined {
  const name = wanted.trim().toLowerCase().replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  const number = /^\d+$/.test(name) ? name.padStart(2, '0') : undefined;
  return (
    quizzes.find((quiz) => quiz.lesson === name) ??
    quizzes.find((quiz) => number !== undefined && quiz.lesson.startsWith(`${number}-`)) ??
    quizzes.find((quiz) => quiz.lesson.slice(3) === name)
  );
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
