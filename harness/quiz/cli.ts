import { parseArgs } from 'node:util';
import { dayOf, isDue } from './leitner.js';
import { LineReader } from './line-reader.js';
import { findQuiz, loadQuizzes } from './load.js';
import { questionVersion } from './question-version.js';
import { answerKey, readQuizRecord, type QuizRecord } from './quiz-record.js';
import { askQuestions, type AskedQuestion, type Tally } from './terminal-quiz.js';
import type { LoadedQuiz } from './schema.js';

/**
 * `npm run quiz [lesson]`: the same questions as the site, in the terminal.
 *   npm run quiz 04            npm run quiz 04-stampede
 *   npm run quiz               (lists the quizzes and asks which; Enter for all)
 *   npm run quiz 04 -- --interview   (only what the interview page lists: open and marked questions)
 *   npm run quiz -- --due      (every question due for review today, from any lesson)
 * npm swallows flags written without `--` (npm_config_due=true); those count too.
 */

const USAGE = 'Usage: npm run quiz [lesson] [-- --interview | --due | --list]   e.g. npm run quiz 04';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        interview: { type: 'boolean', short: 'i' },
        due: { type: 'boolean', short: 'd' },
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
  const flag = (name: 'interview' | 'due' | 'list') => args.values[name] === true || process.env[`npm_config_${name}`] === 'true';

  const { quizzes, problems } = await loadQuizzes();
  // A broken file should not stop the others; say which one is skipped and why.
  for (const problem of problems) if (problem.kind === 'invalid') console.error(`skipped: ${problem.line}`);
  if (quizzes.length === 0) {
    console.error('No quizzes found in quizzes/. Each lesson gets quizzes/NN-slug.yaml; see quizzes/README.md.');
    return 1;
  }
  const listing = quizzes.map((quiz) => `  ${quiz.lesson.padEnd(28)} ${quiz.title} (${quiz.questions.length})`);
  if (flag('list')) {
    console.log(listing.join('\n'));
    return 0;
  }

  const record = readQuizRecord();
  const reader = new LineReader();
  try {
    const tally: Tally = { asked: 0, right: 0 };
    let ended = false;
    if (flag('due')) {
      const due = dueToday(quizzes, record);
      if (due.length === 0) {
        console.log('Nothing is due for review today. Questions you miss come back the next day, then after 2, 4, 8 and 16 days as you get them right.');
        return 0;
      }
      ended = (await askQuestions('Due for review today', due, reader, tally, record)) === 'ended';
    } else {
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
      for (const quiz of Array.isArray(chosen) ? chosen : [chosen]) {
        // --interview asks what the interview page lists: open questions and marked ones.
        const questions = quiz.questions
          .filter((question) => !flag('interview') || question.interview === true || question.type === 'open')
          .map((question) => ({ quiz, question }));
        ended = (await askQuestions(`${quiz.lesson}: ${quiz.title}`, questions, reader, tally, record)) === 'ended';
        if (ended) break;
      }
    }
    if (ended) console.log('\nInput ended.');
    console.log(`\nScore: ${tally.right}/${tally.asked}${tally.asked ? ` (${Math.round((100 * tally.right) / tally.asked)}%)` : ''}`);
    return 0;
  } finally {
    reader.close();
  }
}

/** Questions whose review date has come, oldest first. */
function dueToday(quizzes: LoadedQuiz[], record: QuizRecord): AskedQuestion[] {
  const today = dayOf(new Date());
  return quizzes
    .flatMap((quiz) => quiz.questions.map((question) => ({ quiz, question, review: record.answers[answerKey(quiz.lesson, question.id)] })))
    .filter(({ question, review }) => isDue(review, questionVersion(question), today))
    .sort((a, b) => a.review!.due.localeCompare(b.review!.due))
    .map(({ quiz, question }) => ({ quiz, question }));
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
