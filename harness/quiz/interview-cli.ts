// `npm run interview [-- --questions 4 --minutes 3 --lesson 04]`: a timed mock interview in
// the terminal. Open questions from every lesson (what is due for review first), then a
// "design it" prompt; answer aloud or type, then read the model answer and grade yourself.
// Verdicts feed the same review schedule as `npm run quiz` (.course/quiz.json); the
// sessions are kept in .course/interviews.json.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runCli } from '../cli/run-cli.js';
import { readLearnerFile, writeLearnerFile } from '../learner/learner-file.js';
import { BadInputError } from '../services/errors.js';
import { dayOf, pickForPractice } from './leitner.js';
import { LineReader } from './line-reader.js';
import { findQuiz, loadQuizzes } from './load.js';
import { questionVersion } from './question-version.js';
import { answerKey, readQuizRecord } from './quiz-record.js';
import type { LoadedQuiz, OpenQuestion } from './schema.js';
import { saveVerdict } from './terminal-quiz.js';
import { terminalMarkdown } from './terminal-markdown.js';

const DESIGN_MINUTES = 10;
const GRADES = { y: 'covered it', p: 'partly', n: 'missed it' } as const;
type Grade = keyof typeof GRADES;

const sessionsSchema = z.object({
  sessions: z.array(
    z.object({
      at: z.string(),
      questions: z.array(z.object({ key: z.string(), grade: z.enum(['y', 'p', 'n']), seconds: z.number(), typed: z.string() })),
    }),
  ),
});

runCli(async () => {
  const { values } = parseArgs({
    options: { questions: { type: 'string', default: '4' }, minutes: { type: 'string', default: '3' }, lesson: { type: 'string' } },
  });
  const count = Number(values.questions);
  const minutes = Number(values.minutes);
  if (!(count >= 1 && minutes > 0)) throw new BadInputError('Usage: npm run interview -- --questions 4 --minutes 3 [--lesson 04]');
  const { quizzes } = await loadQuizzes();
  const pool = values.lesson ? [findQuiz(quizzes, values.lesson) ?? missing(values.lesson, quizzes)] : quizzes;
  const record = readQuizRecord();
  const today = dayOf(new Date());
  const open = (design: boolean) =>
    pool.flatMap((quiz) =>
      quiz.questions
        .filter((q): q is OpenQuestion => q.type === 'open' && (q.design === true) === design)
        .map((question) => ({ quiz, question, key: answerKey(quiz.lesson, question.id), version: questionVersion(question) })),
    );
  const picked = [
    ...pickForPractice(open(false), record.answers, count, today, Math.random),
    ...pickForPractice(open(true), record.answers, 1, today, Math.random),
  ];
  if (picked.length === 0) throw new BadInputError('No open questions to ask; check quizzes/.');

  console.log(`Mock interview: ${picked.length} questions. Answer each aloud or type it; an empty line ends your answer.`);
  const reader = new LineReader();
  const results: { key: string; grade: Grade; seconds: number; typed: string }[] = [];
  try {
    for (const [index, { quiz, question, key }] of picked.entries()) {
      const budget = (question.design ? DESIGN_MINUTES : minutes) * 60;
      const kind = question.design ? 'Design it' : 'Question';
      console.log(`\n${kind} ${index + 1} of ${picked.length} (${clock(budget)}, from ${quiz.title})\n${terminalMarkdown(question.prompt, '  ')}\n`);
      const started = Date.now();
      const typed: string[] = [];
      for (let line = await reader.ask('> '); line !== null && line.trim() !== ''; line = await reader.ask('> ')) typed.push(line);
      const seconds = Math.round((Date.now() - started) / 1000);
      console.log(seconds > budget ? `Over time: ${clock(seconds)} of ${clock(budget)}.` : `You took ${clock(seconds)} of ${clock(budget)}.`);
      console.log(`\nModel answer:\n${terminalMarkdown(question.answer, '  ')}\n`);
      const grade = await askGrade(reader);
      if (grade === null) break;
      saveVerdict(record, quiz, question, grade === 'y');
      results.push({ key, grade, seconds, typed: typed.join('\n') });
    }
  } finally {
    reader.close();
  }
  const log = readLearnerFile('interviews.json', sessionsSchema, () => ({ sessions: [] }));
  log.sessions.push({ at: new Date().toISOString(), questions: results });
  writeLearnerFile('interviews.json', log);
  const covered = results.filter((r) => r.grade === 'y').length;
  console.log(`\nCovered ${covered} of ${results.length}. What you missed or half-covered comes back tomorrow: npm run quiz -- --due`);
  return 0;
});

function missing(wanted: string, quizzes: LoadedQuiz[]): never {
  throw new BadInputError(`Unknown lesson "${wanted}". Choose one of: ${quizzes.map((quiz) => quiz.lesson).join(', ')}`);
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

async function askGrade(reader: LineReader): Promise<Grade | null> {
  for (;;) {
    const line = await reader.ask('How did it go? y = covered it, p = partly, n = missed it: ');
    if (line === null) return null;
    const reply = line.trim().toLowerCase()[0];
    if (reply === 'y' || reply === 'p' || reply === 'n') return reply;
    if (!reader.interactive) return null;
  }
}
