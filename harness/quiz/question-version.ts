import { createHash } from 'node:crypto';
import type { Question } from './schema.js';

/**
 * A short hash of what the learner sees and answers (claims and badges do not count).
 * Saved answers carry it, so an edited question starts unanswered again, on the site
 * and in the terminal alike.
 */
export function questionVersion(question: Question): string {
  const asked = [question.type, question.prompt, question.type === 'choice' ? question.options : question.answer];
  return createHash('sha256').update(JSON.stringify(asked)).digest('hex').slice(0, 10);
}
