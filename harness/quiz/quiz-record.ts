import { z } from 'zod';
import { readLearnerFile, writeLearnerFile } from '../learner/learner-file.js';
import { newSeed } from './option-order.js';

/**
 * The terminal quiz's memory, `.course/quiz.json`: the learner's shuffle seed and, per
 * question, the last verdict with a Leitner box. A right answer moves a question up a
 * box and pushes its next review further out; a wrong one sends it back to box 1, due
 * tomorrow. `npm run quiz -- --due` asks what is due; `npm run status` shows the scores.
 */
const FILE = 'quiz.json';
/** Days until the next review, by box (1-based). */
export const BOX_INTERVAL_DAYS = [1, 2, 4, 8, 16] as const;

const answerSchema = z.object({
  version: z.string(),
  correct: z.boolean(),
  box: z.number().int().min(1).max(BOX_INTERVAL_DAYS.length),
  /** The day it is due again, YYYY-MM-DD in local time. */
  due: z.string(),
  answeredAt: z.string(),
});
const recordSchema = z.object({ seed: z.string().min(1), answers: z.record(z.string(), answerSchema) });

export type QuizAnswer = z.infer<typeof answerSchema>;
export type QuizRecord = z.infer<typeof recordSchema>;

/** The record; on first use it is created, so the learner's seed stays the same from then on. */
export function readQuizRecord(): QuizRecord {
  let created = false;
  const record = readLearnerFile(FILE, recordSchema, () => ((created = true), { seed: newSeed(), answers: {} }));
  if (created) writeQuizRecord(record);
  return record;
}

export function writeQuizRecord(record: QuizRecord): void {
  writeLearnerFile(FILE, record);
}

export const answerKey = (lesson: string, questionId: string) => `${lesson}/${questionId}`;

/** The local calendar day of `date`, YYYY-MM-DD. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(date: Date, days: number): Date {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

/** The record of one answer given `now`, moving its box as the Leitner system does. */
export function nextAnswer(previous: QuizAnswer | undefined, version: string, correct: boolean, now: Date): QuizAnswer {
  const box = correct ? Math.min((previous?.version === version ? previous.box : 0) + 1, BOX_INTERVAL_DAYS.length) : 1;
  return {
    version,
    correct,
    box,
    due: dayOf(addDays(now, BOX_INTERVAL_DAYS[box - 1]!)),
    answeredAt: now.toISOString(),
  };
}
