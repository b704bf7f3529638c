import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Redis } from 'ioredis';
import type { Claim, Expectation, LoadedQuiz } from './schema.js';

/**
 * Runs the `claims:` of every question against a live Redis, so an answer that says
 * "SET NX replies nil" is proven by Redis itself. The server may be shared: every key
 * lives under one random prefix, a command that would touch any other key is refused,
 * and only keys under the prefix are removed afterwards.
 */

export interface ClaimResult {
  file: string;
  questionId: string;
  says: string;
  ok: boolean;
  /** What Redis replied against what the claim expected, and the commands run. */
  detail?: string;
}

type Reply = unknown;

export async function checkClaims(redisUrl: string, quizzes: readonly LoadedQuiz[]): Promise<ClaimResult[]> {
  const jobs = quizzes.flatMap((quiz) =>
    quiz.questions.flatMap((question) =>
      (question.claims ?? []).map((claim, index) => ({ quiz, questionId: question.id, claim, index })),
    ),
  );
  if (jobs.length === 0) return [];
  const prefix = `course:quiz-claims:${randomBytes(4).toString('hex')}:`;
  // Bounded everywhere: a claim that blocks or a Redis that is gone must fail, not hang.
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    commandTimeout: 2_000,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {}); // reported through the failing commands instead
  const label = (job: (typeof jobs)[number]) => ({ file: job.quiz.file, questionId: job.questionId, says: job.claim.says });
  // Key checks go over a connection of their own: sent on the claim's connection inside
  // MULTI they would be queued (checking nothing) and, for EXEC, abort the transaction.
  const inspector = redis.duplicate();
  inspector.on('error', () => {});
  try {
    await Promise.all([redis.connect(), inspector.connect()]);
  } catch (error) {
    const detail = `could not reach Redis at ${redisUrl}: ${(error as Error).message}`;
    return jobs.map((job) => ({ ...label(job), ok: false, detail }));
  }
  try {
    const results: ClaimResult[] = [];
    for (const job of jobs) {
      const base = `${prefix}${job.quiz.lesson}:${job.questionId}:${job.index}`;
      const keys = { key: `${base}:a`, key2: `${base}:b` };
      const detail = await runClaim(redis, inspector, job.claim, keys, prefix);
      results.push({ ...label(job), ok: detail === undefined, ...(detail ? { detail } : {}) });
    }
    return results;
  } finally {
    await removeKeys(redis, prefix).catch(() => {});
    redis.disconnect();
    inspector.disconnect();
  }
}

/** Returns undefined when the claim holds, otherwise why it does not. */
async function runClaim(redis: Redis, inspector: Redis, claim: Claim, keys: { key: string; key2: string }, prefix: string) {
  const steps = claim.run.map((step) =>
    step.map((word) => String(word).replaceAll('{key2}', keys.key2).replaceAll('{key}', keys.key)),
  );
  const shown = claim.run.map((step) => step.join(' ')).join('; ');
  let last: { reply?: Reply; error?: string } = {};
  // Inside MULTI a refused command is part of what the claim shows (EXEC then aborts),
  // so only an error outside a transaction ends the claim early.
  let queuing = false;
  try {
    for (const [index, [command = '', ...args]] of steps.entries()) {
      const refusal = await foreignKeys(inspector, command, args, prefix);
      if (refusal) return `step ${index + 1} (${claim.run[index]?.join(' ')}) ${refusal}`;
      const name = command.toUpperCase();
      try {
        last = { reply: normalise(await redis.call(command, ...args)) };
      } catch (error) {
        last = { error: (error as Error).message };
        if (!queuing && index < steps.length - 1) return `step ${index + 1} (${claim.run[index]?.join(' ')}) failed: ${last.error}`;
      }
      if (name === 'MULTI' && last.error === undefined) queuing = true;
      if (name === 'EXEC' || name === 'DISCARD') queuing = false;
    }
  } finally {
    // Leave the shared connection as the next claim expects it: no transaction, no WATCH.
    if (queuing) await redis.call('DISCARD').catch(() => {});
    await redis.call('UNWATCH').catch(() => {});
  }
  const verdict = compare(claim.expect, last);
  return verdict ? `${verdict}, after: ${shown}` : undefined;
}

/** Asks Redis which arguments are keys; every one must be a claim's own. */
async function foreignKeys(redis: Redis, command: string, args: string[], prefix: string) {
  let keys: Reply;
  try {
    keys = await redis.call('COMMAND', 'GETKEYS', command, ...args);
  } catch {
    return undefined; // no key arguments (PING, TIME) or a bad command that will fail on its own
  }
  const outside = (Array.isArray(keys) ? keys : []).map(String).filter((key) => !key.startsWith(prefix));
  return outside.length > 0
    ? `touches ${outside.join(', ')}; claims may only use "{key}" and "{key2}"`
    : undefined;
}

function compare(expect: Expectation, last: { reply?: Reply; error?: string }): string | undefined {
  if (expect !== null && typeof expect === 'object' && 'error' in expect) {
    if (last.error === undefined) return `expected an error containing "${expect.error}", got ${show(last.reply)}`;
    return last.error.toLowerCase().includes(expect.error.toLowerCase())
      ? undefined
      : `expected an error containing "${expect.error}", got error "${last.error}"`;
  }
  if (last.error !== undefined) return `expected ${show(expect)}, got error "${last.error}"`;
  if (expect !== null && typeof expect === 'object' && 'between' in expect) {
    const [min, max] = expect.between;
    const value = typeof last.reply === 'string' ? Number(last.reply) : last.reply;
    return typeof value === 'number' && value >= min && value <= max
      ? undefined
      : `expected a number between ${min} and ${max}, got ${show(last.reply)}`;
  }
  return isDeepStrictEqual(last.reply, expect) ? undefined : `expected ${show(expect)}, got ${show(last.reply)}`;
}

/** Buffers become strings so a reply compares equal to what YAML can express. */
function normalise(reply: Reply): Reply {
  if (Buffer.isBuffer(reply)) return reply.toString('utf8');
  if (Array.isArray(reply)) return reply.map(normalise);
  return reply;
}

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/** SCAN (never KEYS) under our prefix only; keys a script derived from {key} go too. */
async function removeKeys(redis: Redis, prefix: string) {
  let cursor = '0';
  do {
    const [next, found] = (await redis.call('SCAN', cursor, 'MATCH', `${prefix}*`, 'COUNT', '500')) as [string, string[]];
    if (found.length > 0) await redis.call('UNLINK', ...found);
    cursor = next;
  } while (cursor !== '0');
}
