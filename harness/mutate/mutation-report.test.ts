import { describe, expect, it } from 'vitest';
import { carryExplanations } from './mutation-report.js';

describe('carrying explanations into a new mutation report', () => {
  const previous = [
    { where: 'lock.ts:28', mutation: 'MethodExpression: min -> max', why: 'irrelevant: only latency changes.' },
    { where: 'lock.ts:40', mutation: 'StringLiteral: x -> ""', why: 'TODO: kill it with a check, or explain why it is equivalent or irrelevant' },
  ];

  it('keeps an explanation when the survivor moved to another line of the same file', () => {
    const [moved, elsewhere, unexplained] = carryExplanations(
      [
        { where: 'lock.ts:35', mutation: 'MethodExpression: min -> max', why: '' },
        { where: 'backoff.ts:35', mutation: 'MethodExpression: min -> max', why: '' },
        { where: 'lock.ts:47', mutation: 'StringLiteral: x -> ""', why: '' },
      ],
      previous,
    );
    expect(moved?.why).toBe('irrelevant: only latency changes.');
    expect(elsewhere?.why).toMatch(/^TODO/);
    expect(unexplained?.why).toMatch(/^TODO/);
  });
});
