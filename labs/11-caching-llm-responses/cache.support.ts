// What lab 11's suites share: a model server per test, caches built as an app would build
// them (one per process), requests, and a reading of the answer keys Redis holds.
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { LIVENESS_MS, expectSettlesWithin, leastTtlLeft } from '../../harness/lab/teach.js';
import type { Lab, LabOptions } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { startModelServer, type ModelServer } from './model-server.support.js';
import { statsKey, type ChatCompletion, type ChatCompletionChunk, type CompletionCache, type CompletionCacheOptions, type CompletionRequest } from './src/contract.js';

export const LESSON = 'Lesson 11, Caching LLM responses';

/**
 * Time for requests already started to reach the point where they call or wait; a correct
 * answer needs a few ms. Too short a pause can only let a wrong answer through, never fail a
 * right one: a request that arrives late finds the answer stored.
 */
export const SETTLE_MS = 100;

/** What single flight is, for the checks of single-flight.test.ts, lock-wait.test.ts, lock-release.test.ts and lock-ownership.test.ts. */
export const flightIdea = `Identical misses share one upstream call: a lock in Redis (SET key token PX lockTtlMs NX) taken by the first process; the others wait up to lockWaitMs for its answer to appear, reading the cache again, and the holder reads the cache once more before it calls (${LESSON}, "Never cache a failure" and lesson 04, "Stampedes").`;

/** Whether a command's argument names one of the cache's keys under `prefix` (an answer, a lock), not the stats totals. */
export const namesCacheKey = (prefix: string, arg: unknown) => String(arg).startsWith(prefix) && !String(arg).startsWith(statsKey(prefix));

/** How many different answers the callers got. */
export const sameAnswer = (answers: ChatCompletion[]) => new Set(answers.map((a) => JSON.stringify(a))).size;

/** The stats totals are running counters: the only keys that may live without a TTL. */
export const LAB_OPTIONS: LabOptions = { keysWithoutTtl: new RegExp(`^${statsKey('')}`) };
/**
 * redisTimeoutMs in the checks that are not about it: a loaded test machine can take
 * longer than the 250 ms default to answer a GET, and a check must not flake on that.
 */
export const CHECKS_REDIS_TIMEOUT_MS = 1_000;
/** The servers' shared secret in the checks: 40 bytes, over the 32-byte minimum. */
export const SECRET = 'lab-11 secret, the same on every instance';

type Code = typeof import('./src/completion-cache.js');

/** A request with temperature 0 (deterministic, so cacheable) unless `extra` says otherwise. */
export const ask = (content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'gpt-4o-mini-2024-07-18',
  messages: [
    { role: 'system', content: 'You answer questions about the Larchfield library.' },
    { role: 'user', content },
  ],
  temperature: 0,
  ...extra,
});

/**
 * A request with every difference that cannot change the answer available to vary, and the
 * same question written five other ways (11.2 asks them whole, 11.22 streamed): each must
 * share the first one's entry.
 */
export function equalRequests(): { base: CompletionRequest; same: [string, CompletionRequest][] } {
  const base: CompletionRequest = {
    model: 'gpt-4o-mini-2024-07-18',
    messages: [
      { role: 'system', content: 'Answer in one line.\nBe exact.\nCite the rule.' },
      { role: 'user', content: 'How long may I keep a café guide?' },
    ],
    temperature: 0,
    max_completion_tokens: 200,
    stop: 'END',
    user: 'reader-1',
  };
  return {
    base,
    same: [
      ['its fields in another order', { user: 'reader-1', stop: 'END', max_completion_tokens: 200, temperature: 0, messages: base.messages.map((m) => ({ content: m.content, role: m.role })), model: base.model }],
      ['outer blanks and CRLF line endings (two of them in one text)', { ...base, messages: [{ role: 'system', content: '  Answer in one line.\r\nBe exact.\r\nCite the rule.\n' }, { role: 'user', content: '\tHow long may I keep a café guide?  ' }] }],
      ['"café" in decomposed Unicode (e + combining accent)', { ...base, messages: [base.messages[0]!, { role: 'user', content: 'How long may I keep a cafe\u0301 guide?' }] }],
      ['stop as ["END"] rather than "END"', { ...base, stop: ['END'] }],
      ['another user and some metadata', { ...base, user: 'reader-2', metadata: { page: 'faq' } }],
    ],
  };
}

/** What equal requests share, for the checks that ask them (11.2, 11.22). */
export const EQUAL_IDEA = `They ask the model exactly the same thing, so each is a hit. Normalise before hashing: sorted fields, NFC, LF for every CRLF (all of them, not the first), trimmed text, one form for stop, and only the fields that change the answer (ANSWER_FIELDS) (${LESSON}, "The key").`;

export interface Setup {
  server: ModelServer;
  /** A cache in a process of its own (its own modules and Redis connection) unless `code` is shared. */
  cache(overrides?: Partial<CompletionCacheOptions>, code?: Code): Promise<CompletionCache>;
  /** `count` separate processes' code, for caches that must not share module state. */
  processes(count: number): Promise<Code[]>;
  /** The keys holding answers, `<prefix>llm:v1:<tenant>:<64 hex>`, with tenant, digest and PTTL. */
  answerKeys(): Promise<AnswerKey[]>;
  /** Every key under the prefix but the stats totals: answers, locks, whatever else the code keeps. */
  cacheKeys(): Promise<{ key: string; pttlMs: number }[]>;
}

export interface AnswerKey {
  key: string;
  tenant: string;
  digest: string;
  pttlMs: number;
}

/** An answer key under `prefix`, `<prefix>llm:v1:<tenant>:<64 hex>`, capturing tenant and digest. */
export function answerKeyPattern(prefix: string): RegExp {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}llm:v1:([A-Za-z0-9_-]{1,64}):([0-9a-f]{64})$`);
}

export async function setUp(lab: Lab): Promise<Setup> {
  const server = await startModelServer();
  const processes = (count: number) => separateProcesses(count, () => import('./src/completion-cache.js'));
  const shape = answerKeyPattern(lab.redis.prefix);
  return {
    server,
    processes,
    async cache(overrides = {}, code?: Code) {
      const loaded = code ?? (await processes(1))[0]!;
      const redis: Redis = overrides.redis ?? lab.redis.client();
      if (!overrides.redis) await redis.ping(); // connected, as a process's client would be
      const options = {
        openai: server.openai,
        keyPrefix: lab.redis.prefix,
        secret: SECRET,
        redisTimeoutMs: CHECKS_REDIS_TIMEOUT_MS,
        ...overrides,
        redis,
      };
      return abandonable(loaded.createCompletionCache(options));
    },
    async cacheKeys() {
      return (await lab.redis.keys()).filter(({ key }) => namesCacheKey(lab.redis.prefix, key));
    },
    async answerKeys() {
      return (await lab.redis.keys()).flatMap(({ key, pttlMs }) => {
        const match = shape.exec(key);
        return match ? [{ key, tenant: match[1]!, digest: match[2]!, pttlMs }] : [];
      });
    },
  };
}

/**
 * The cache as the checks hold it: a request that a failing check leaves unawaited must
 * not come back later as an "unhandled rejection" on top of the check's own message. The
 * promises are the code's own; a check that awaits one still sees its rejection.
 */
function abandonable<T extends object>(cache: T): T {
  return new Proxy(cache, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) result.catch(() => {});
        return result;
      };
    },
  });
}

/** What a lock's TTL must be, for the checks that read it while a call runs. */
export const LOCK_TTL_IDEA = 'Set the TTL with the lock, in the same command and in milliseconds (SET key token PX lockTtlMs NX), and leave it alone while the call runs: a TTL rounded to seconds frees the others at the wrong time, and one the waiters\' tries keep young never frees them if the holder dies.';

/**
 * The keys `read` returns, and which of them break "expires after exactly ttlMs": a PTTL may
 * lack from ttlMs no more than the time since the lock could first have been set (`since`),
 * and at least the time since it certainly was (`setBy`). Redis counts in whole ms: 1 ms each way.
 */
export async function lockWindow(read: Setup['cacheKeys'], ttlMs: number, since: number, setBy: number) {
  const before = performance.now();
  const keys = await read();
  const least = leastTtlLeft(ttlMs, since);
  const most = ttlMs - Math.floor(before - setBy) + 1;
  return { keys, least, most, wrong: keys.filter((k) => k.pttlMs < least || k.pttlMs > most) };
}

/** The text of the first choice, for failure messages. */
export const textOf = (completion: ChatCompletion | undefined) =>
  completion ? JSON.stringify(completion.choices[0]?.message.content) : String(completion);

/** Fails with `idea` unless the model server received exactly `expected` calls so far. */
export function expectCalls(server: ModelServer, expected: number, happened: string, idea: string): void {
  const seen = server.calls.length;
  expect(seen, `${happened}: the model server received ${seen} paid call(s); expected ${expected}.\n${idea}`).toBe(expected);
}

/** Reads a stream to its end (or to its failure, which rejects). */
export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** What a reader of the stream sees: the text pieces in order, and how the answer ended. */
export function readingOf(chunks: ChatCompletionChunk[]): { pieces: string[]; finishReason: string | null } {
  const choices = chunks.flatMap((chunk) => chunk.choices);
  const pieces = choices.map((choice) => choice.delta?.content).filter((piece): piece is string => Boolean(piece));
  const finishReason = choices.map((choice) => choice.finish_reason).filter(Boolean).at(-1) ?? null;
  return { pieces, finishReason };
}

/** What to do when Redis fails or stalls: the checks of Redis in trouble say it. */
export const DOWN_IDEA = `When Redis fails or does not answer within redisTimeoutMs, carry on without it: a failed read is a miss, skip the lock, call the model, and ignore a failed write. The model is still there (${LESSON}, "Never cache a failure" and "Common mistakes").`;

/** A stream and stats() on a Redis in trouble: the stream still comes from the model, stats() says it cannot count. */
export async function expectStreamWithout(llm: CompletionCache, request: CompletionRequest, trouble: string): Promise<void> {
  const read = await expectSettlesWithin(collect(llm.stream('acme', request)).then(readingOf, (e: unknown) => e as Error), LIVENESS_MS, `a streamed request ${trouble}`, DOWN_IDEA);
  expect(read instanceof Error ? read.message : read.finishReason, `A streamed request ${trouble} got ${read instanceof Error ? `the error "${read.message}"` : JSON.stringify(read)}.\n${DOWN_IDEA}`).toBe('stop');
  const stats = await expectSettlesWithin(llm.stats().then(() => 'reported', () => 'refused'), LIVENESS_MS, `stats() ${trouble}`, DOWN_IDEA);
  expect(stats, `stats() ${trouble} ${stats} numbers; the totals are in Redis, so without Redis it cannot know them: reject (within redisTimeoutMs) rather than report zeros a dashboard would believe (${LESSON}, "Streams and savings").`).toBe('refused');
}
