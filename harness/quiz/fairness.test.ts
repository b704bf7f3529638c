import { describe, expect, it } from 'vitest';
import { fairnessOf, unfairness } from './fairness.js';
import { optionOrder } from './option-order.js';
import type { ChoiceQuestion } from './schema.js';

const question = (correct: number, texts: string[]): ChoiceQuestion => ({
  id: `q${correct}`,
  type: 'choice',
  prompt: 'p',
  options: texts.map((text, i) => ({ text, why: 'w', ...(i === correct ? { correct: true } : {}) })),
});

describe('quiz fairness', () => {
  it('flags a bank where the first or the longest option is always right', () => {
    const questions = [0, 0, 0, 1].map((c) => question(c, ['a', 'bb', 'c', 'd'].map((t, i) => (i === c ? 'the long right one' : t))));
    const fairness = fairnessOf('quizzes/x.yaml', [{ questions }]);
    expect(fairness.firstScore).toBe(0.75);
    expect(fairness.longestScore).toBe(1);
    expect(fairness.positionShare).toEqual([0.75, 0.25]);
    expect(unfairness(fairness)).toHaveLength(3);
  });

  it('accepts right answers spread over positions and lengths', () => {
    const questions = [0, 1, 2, 3].map((c) => question(c, ['aaaa', 'bbb', 'cc', 'd']));
    expect(unfairness(fairnessOf('quizzes/x.yaml', [{ questions }]))).toEqual([]);
  });
});

describe('option order', () => {
  it('is a permutation, the same for the same learner and question', () => {
    const order = optionOrder('seed-1', '04-stampede/lock-owner-token', 4);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(optionOrder('seed-1', '04-stampede/lock-owner-token', 4)).toEqual(order);
  });

  it('differs between learners and questions, and puts the first option everywhere', () => {
    const firsts = new Set<number>();
    const orders = new Set<string>();
    for (let learner = 0; learner < 200; learner += 1) {
      const order = optionOrder(`learner-${learner}`, 'q', 4);
      firsts.add(order.indexOf(0));
      orders.add(order.join(','));
    }
    expect([...firsts].sort()).toEqual([0, 1, 2, 3]);
    expect(orders.size).toBeGreaterThan(12);
  });
});
