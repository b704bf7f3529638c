import { z } from 'zod';
import { readLearnerFile, writeLearnerFile } from '../learner/learner-file.js';
import { BOX_INTERVAL_DAYS } from './leitner.js';
import { newSeed } from './option-order.js';

/**
 * The terminal's quiz memory, `.course/quiz.json`: the learner's shuffle seed and, per
 * question, the last verdict with its Leitner box (leitner.ts), written by `npm run quiz`
 * and `npm run interview`. `npm run quiz -- --due` asks what is due; `npm run status`
 * shows the scores.
 */
const FILE = 'quiz.json';

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
