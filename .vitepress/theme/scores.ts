import { nextReview, type Review } from '../../harness/quiz/leitner.js';

/**
 * Quiz progress in the browser's localStorage, one entry per lesson. Only what the
 * learner did is stored (picks and verdicts, with the Leitner box and next review date
 * that the review page reads), so a reload shows the same checked quiz.
 * Storage can be missing (server rendering) or refuse access (some private modes);
 * then progress simply is not kept.
 */

const PREFIX = 'caching-with-redis:quiz:v1:';

export interface AnswerRecord {
  /** The question's version when answered: an edited question starts unanswered. */
  version: string;
  /** Choice questions: the option indexes the learner checked. */
  picked?: number[];
  correct: boolean;
  /** Spaced repetition (harness/quiz/leitner.ts); absent on answers saved before it existed. */
  box?: number;
  due?: string;
  answeredAt?: string;
}

export type LessonRecord = Record<string, AnswerRecord>;

export interface Score {
  answered: number;
  correct: number;
  total: number;
}

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): KeyValueStore | undefined {
  try {
    return (globalThis as { localStorage?: KeyValueStore }).localStorage;
  } catch {
    return undefined;
  }
}

const SEED_KEY = 'caching-with-redis:quiz-seed';

/**
 * This browser's shuffle seed, created on first use: every quiz shows its options in an
 * order derived from it, the same on every visit, different for another learner.
 */
export function learnerSeed(create: () => string): string {
  const store = storage();
  try {
    const saved = store?.getItem(SEED_KEY);
    if (saved) return saved;
    const seed = create();
    store?.setItem(SEED_KEY, seed);
    return seed;
  } catch {
    return create();
  }
}

export function readLesson(lesson: string): LessonRecord {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(PREFIX + lesson) ?? '{}');
    if (!parsed || typeof parsed !== 'object') return {};
    const record: LessonRecord = {};
    for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
      const answer = value as Partial<AnswerRecord> | null;
      // Skip anything written by an older or broken page.
      if (typeof answer?.correct !== 'boolean' || typeof answer.version !== 'string') continue;
      const picked = Array.isArray(answer.picked) ? answer.picked.filter(Number.isInteger) : undefined;
      const review =
        typeof answer.box === 'number' && typeof answer.due === 'string' && typeof answer.answeredAt === 'string'
          ? { box: answer.box, due: answer.due, answeredAt: answer.answeredAt }
          : {};
      record[id] = { version: answer.version, correct: answer.correct, ...(picked ? { picked } : {}), ...review };
    }
    return record;
  } catch {
    return {};
  }
}

/** The answer with its next review date: what the quiz, the review page and the mock interview save. */
export function withReview(lesson: string, questionId: string, answer: Pick<AnswerRecord, 'version' | 'correct' | 'picked'>): AnswerRecord {
  const previous = readLesson(lesson)[questionId];
  const before: Review | undefined =
    previous?.box && previous.due && previous.answeredAt
      ? { version: previous.version, correct: previous.correct, box: previous.box, due: previous.due, answeredAt: previous.answeredAt }
      : undefined;
  return { ...answer, ...nextReview(before, answer.version, answer.correct, new Date()) };
}

export function saveAnswer(lesson: string, questionId: string, answer: AnswerRecord | undefined): void {
  const record = readLesson(lesson);
  if (answer) record[questionId] = answer;
  else delete record[questionId];
  try {
    storage()?.setItem(PREFIX + lesson, JSON.stringify(record));
  } catch {
    // Quota or privacy settings: the quiz still works, it just forgets on reload.
  }
}

export function clearLesson(lesson: string): void {
  try {
    storage()?.removeItem(PREFIX + lesson);
  } catch {
    // Nothing stored, nothing to clear.
  }
}

/** The saved answer, if it was given to this version of the question. */
export function answerFor(record: LessonRecord, question: { id: string; version: string }): AnswerRecord | undefined {
  const answer = record[question.id];
  return answer?.version === question.version ? answer : undefined;
}

/** Counts only current questions, so removed or rewritten ones stop counting. */
export function scoreOf(record: LessonRecord, questions: ReadonlyArray<{ id: string; version: string }>): Score {
  const answers = questions.map((question) => answerFor(record, question)).filter((answer) => answer !== undefined);
  return {
    answered: answers.length,
    correct: answers.filter((answer) => answer.correct).length,
    total: questions.length,
  };
}
