/**
 * Spaced repetition with Leitner boxes, shared by the terminal (.course/quiz.json) and the
 * site (localStorage); no Node APIs, so it runs in the browser too. A right answer moves a
 * question up a box and its next review further out; a wrong or "missed" answer sends it
 * back to box 1, due tomorrow.
 */

/** Days until the next review, by box (1-based). */
export const BOX_INTERVAL_DAYS = [1, 2, 4, 8, 16] as const;

export interface Review {
  /** The question's version when answered: an edited question starts unanswered. */
  version: string;
  correct: boolean;
  box: number;
  /** The day it is due again, YYYY-MM-DD in local time. */
  due: string;
  answeredAt: string;
}

/** The local calendar day of `date`, YYYY-MM-DD. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The review after answering `correct` at `now`, given the one before (if any, of any version). */
export function nextReview(previous: Review | undefined, version: string, correct: boolean, now: Date): Review {
  const box = correct ? Math.min((previous?.version === version ? previous.box : 0) + 1, BOX_INTERVAL_DAYS.length) : 1;
  const due = new Date(now);
  due.setDate(due.getDate() + BOX_INTERVAL_DAYS[box - 1]!);
  return { version, correct, box, due: dayOf(due), answeredAt: now.toISOString() };
}

/** Whether a question answered as `review` (of the current `version`) is due on `today`. */
export const isDue = (review: Review | undefined, version: string, today: string): boolean =>
  review !== undefined && review.version === version && review.due <= today;

/**
 * The questions for one practice session: what is due first (oldest due date first), then
 * what was never answered, then the rest by how long ago it was answered. Ties are broken
 * by `random`, so two sessions on one day do not ask the same questions in the same order.
 */
export function pickForPractice<Q extends { key: string; version: string }>(
  questions: Q[],
  reviews: Record<string, Review | undefined>,
  count: number,
  today: string,
  random: () => number,
): Q[] {
  const rank = (q: Q) => {
    const review = reviews[q.key];
    if (isDue(review, q.version, today)) return `0 ${review!.due}`;
    if (!review || review.version !== q.version) return '1';
    return `2 ${review.answeredAt}`;
  };
  return questions
    .map((q) => ({ q, rank: rank(q), tie: random() }))
    .sort((a, b) => a.rank.localeCompare(b.rank) || a.tie - b.tie)
    .slice(0, count)
    .map(({ q }) => q);
}
