import type { ChoiceQuestion, LoadedQuiz } from './schema.js';

/**
 * Whether a quiz can be passed without knowing the answers. Three lazy strategies are
 * measured on the file's own order (the order an author sees): always the first option,
 * always the longest, and how the right answers pile up at one position. The site and
 * the terminal shuffle options per learner as well; this keeps the bank itself honest.
 */
export interface Fairness {
  file: string;
  choiceQuestions: number;
  /** Share of all correct options that sit at each position (0 = first). */
  positionShare: number[];
  /** Share of choice questions answered right by always picking the first option. */
  firstScore: number;
  /** Share answered right by always picking the longest option text. */
  longestScore: number;
}

export const LIMITS = { positionShare: 0.35, firstScore: 0.4, longestScore: 0.4 };

const correctIndexes = (question: ChoiceQuestion) =>
  question.options.flatMap((option, i) => (option.correct ? [i] : []));

/** A lazy pick scores only when it is the whole answer: one option, and the only right one. */
const scores = (question: ChoiceQuestion, pick: number) => {
  const correct = correctIndexes(question);
  return correct.length === 1 && correct[0] === pick;
};

const longestIndex = (question: ChoiceQuestion) => {
  const lengths = question.options.map((option) => option.text.trim().length);
  return lengths.indexOf(Math.max(...lengths));
};

export function fairnessOf(file: string, quizzes: readonly Pick<LoadedQuiz, 'questions'>[]): Fairness {
  const choices = quizzes.flatMap((quiz) => quiz.questions.filter((q): q is ChoiceQuestion => q.type === 'choice'));
  const positions: number[] = [];
  for (const question of choices) for (const i of correctIndexes(question)) positions[i] = (positions[i] ?? 0) + 1;
  const totalCorrect = positions.reduce((sum, n) => sum + (n ?? 0), 0);
  const share = (n: number) => (choices.length === 0 ? 0 : n / choices.length);
  return {
    file,
    choiceQuestions: choices.length,
    positionShare: Array.from(positions, (n) => (totalCorrect === 0 ? 0 : (n ?? 0) / totalCorrect)),
    firstScore: share(choices.filter((q) => scores(q, 0)).length),
    longestScore: share(choices.filter((q) => scores(q, longestIndex(q))).length),
  };
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** What is wrong with a fairness measurement, one phrase per limit it breaks. */
export function unfairness(fairness: Fairness): string[] {
  const problems: string[] = [];
  fairness.positionShare.forEach((share, i) => {
    if (share > LIMITS.positionShare) {
      problems.push(`${percent(share)} of the right answers are option ${i + 1} (at most ${percent(LIMITS.positionShare)})`);
    }
  });
  if (fairness.firstScore > LIMITS.firstScore) {
    problems.push(`always choosing the first option scores ${percent(fairness.firstScore)} (at most ${percent(LIMITS.firstScore)})`);
  }
  if (fairness.longestScore > LIMITS.longestScore) {
    problems.push(`always choosing the longest option scores ${percent(fairness.longestScore)} (at most ${percent(LIMITS.longestScore)}): give wrong options the same care and length as the right one`);
  }
  return problems;
}
