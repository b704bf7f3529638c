import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { checkClaims } from './claims.js';
import { loadQuizzes } from './load.js';
import type { LoadedQuiz } from './schema.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const redisUrl = () => inject('services').redisUrl;

const quizWith = (claims: LoadedQuiz['questions'][number]['claims']): LoadedQuiz => ({
  file: 'quizzes/01-a.yaml',
  lesson: '01-a',
  title: 'A',
  questions: [{ id: 'q', type: 'open', prompt: 'p', answer: 'a', claims }],
});

describe('quiz claims against a live Redis', () => {
  it('proves the fixture claims true', async () => {
    const { quizzes } = await loadQuizzes({ quizDir: `${fixtures}good`, lessonDir: `${fixtures}lessons` });
    const results = await checkClaims(redisUrl(), quizzes);
    expect(results.map((result) => [result.questionId, result.ok, result.detail])).toEqual([
      ['nx-on-existing-key', true, undefined],
      ['nx-on-existing-key', true, undefined],
    ]);
  });

  it('reports a wrong expectation with what Redis replied', async () => {
    const [result] = await checkClaims(redisUrl(), [
      quizWith([{ says: 'wrong on purpose', run: [['SET', '{key}', 'a'], ['GET', '{key}']], expect: 'b' }]),
    ]);
    expect(result?.ok).toBe(false);
    expect(result?.detail).toBe('expected "b", got "a", after: SET {key} a; GET {key}');
  });

  it('matches errors and refuses keys outside the claim, leaving them untouched', async () => {
    const outsider = `course:quiz-claims-test:${process.pid}`;
    const redis = new Redis(redisUrl());
    await redis.set(outsider, 'keep', 'PX', 10_000);
    try {
      const results = await checkClaims(redisUrl(), [
        quizWith([
          { says: 'INCR on text fails', run: [['SET', '{key}', 'x'], ['INCR', '{key}']], expect: { error: 'not an integer' } },
          { says: 'reaches outside', run: [['DEL', outsider]], expect: 1 },
        ]),
      ]);
      expect(results.map((result) => result.ok)).toEqual([true, false]);
      expect(results[1]?.detail).toContain(`touches ${outsider}`);
      expect(await redis.get(outsider)).toBe('keep');
    } finally {
      await redis.unlink(outsider);
      redis.disconnect();
    }
  });

  it('runs transactions as a client would: no rollback, queue errors abort, and nothing carries over to the next claim', async () => {
    const outsider = `course:quiz-claims-test:${process.pid}:multi`;
    const redis = new Redis(redisUrl());
    await redis.set(outsider, 'keep', 'PX', 10_000);
    try {
      const results = await checkClaims(redisUrl(), [
        quizWith([
          { says: 'no rollback', run: [['SET', '{key}', 'x'], ['MULTI'], ['SET', '{key2}', 'w'], ['INCR', '{key}'], ['EXEC'], ['GET', '{key2}']], expect: 'w' },
          { says: 'queue error', run: [['MULTI'], ['INCRBY', '{key}'], ['EXEC']], expect: { error: 'EXECABORT' } },
          { says: 'reaches outside from MULTI', run: [['MULTI'], ['DEL', outsider], ['EXEC']], expect: [1] },
          { says: 'left open', run: [['MULTI'], ['SET', '{key}', 'v']], expect: 'QUEUED' },
          { says: 'the next claim is outside any transaction', run: [['SET', '{key}', 'v']], expect: 'OK' },
        ]),
      ]);
      expect(results.map((result) => [result.says, result.ok])).toEqual([
        ['no rollback', true],
        ['queue error', true],
        ['reaches outside from MULTI', false],
        ['left open', true],
        ['the next claim is outside any transaction', true],
      ]);
      expect(await redis.get(outsider)).toBe('keep');
    } finally {
      await redis.unlink(outsider);
      redis.disconnect();
    }
  });
});
