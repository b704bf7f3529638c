// The contract the suite tests, shared with the reference solution: the request and
// options types, the defaults, the key layout. Keep it as it is; the work is in the other
// files of src/.
import type { Redis } from 'ioredis';
import type OpenAI from 'openai';

/** What the API answers: `choices[0].message.content`, `finish_reason`, `usage`, ... */
export type ChatCompletion = OpenAI.Chat.Completions.ChatCompletion;
/** One event of a streamed answer: `choices[0].delta.content`, then a `finish_reason`. */
export type ChatCompletionChunk = OpenAI.Chat.Completions.ChatCompletionChunk;

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The part of a chat-completions request the course's apps send. */
export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  // These change the answer, so they belong in the key.
  temperature?: number; // the API's default is 1: sampled
  top_p?: number;
  max_completion_tokens?: number;
  stop?: string | string[];
  seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  response_format?: { type: 'text' } | { type: 'json_object' };
  // These do not change the answer (they tag the call for the provider's abuse monitoring
  // and dashboards), so they stay out of the key.
  user?: string;
  metadata?: Record<string, string>;
}

/** The request fields that change what the model answers. */
export const ANSWER_FIELDS = [
  'model',
  'messages',
  'temperature',
  'top_p',
  'max_completion_tokens',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'response_format',
] as const satisfies readonly (keyof CompletionRequest)[];

/** What the API does with a request that leaves temperature out. */
export const API_DEFAULT_TEMPERATURE = 1;

export interface CompletionCacheOptions {
  /** This process's Redis connection. */
  redis: Redis;
  /** The official client, pointed at the model server (baseURL). */
  openai: OpenAI;
  /** Every key you write starts with this, e.g. `course:11:ab12cd34:`. */
  keyPrefix: string;
  /** Server secret that keys the hash: the same on every instance, 32 bytes or more. */
  secret: string;
  /** How long an answer is kept. Default DEFAULT_TTL_SECONDS. */
  ttlSeconds?: number;
  /** Also cache answers to sampled requests (temperature above 0). Default false. */
  cacheSampled?: boolean;
  /** The lock of one upstream call expires after this. Default DEFAULT_LOCK_TTL_MS. */
  lockTtlMs?: number;
  /** How long to wait for another process's call. Default DEFAULT_LOCK_WAIT_MS. */
  lockWaitMs?: number;
  /** A Redis command slower than this has failed. Default DEFAULT_REDIS_TIMEOUT_MS */
  redisTimeoutMs?: number;
}

export interface CompletionCache {
  /** The model's answer to `request` for `tenant`, from the cache when it may be. */
  complete(tenant: string, request: CompletionRequest): Promise<ChatCompletion>;
  /**
   * The same, for a caller that asked with `stream: true`: the answer's chunks, as the
   * model sends them on a miss, or replayed from the cache on a hit.
   */
  stream(tenant: string, request: CompletionRequest): AsyncIterable<ChatCompletionChunk>;
  /** What the cache has saved so far, counted by every process that shares the Redis. */
  stats(): Promise<CacheStats>;
}

/** The running totals behind `stats()`. */
export interface CacheStats {
  /** Requests answered without a model call of their own: from Redis, or another request's call. */
  hits: number;
  /** Requests answered by a model call of their own (sampled ones included). */
  misses: number;
  /** Calls sent to the model, whatever their outcome. */
  paidCalls: number;
  /** prompt_tokens + completion_tokens of every answer a hit served. */
  tokensSaved: number;
  /** What those tokens would have cost, in US dollars, at MODEL_PRICES. */
  costSaved: number;
}

/** A model's list price, in US dollars per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/** The models the course's apps call; a model missing here saves tokens but no dollars. */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini-2024-07-18': { input: 0.15, output: 0.6 },
  'gpt-4o-2024-08-06': { input: 2.5, output: 10 },
};

/** An answer may be replayed for an hour; model and prompt changes reach users then. */
export const DEFAULT_TTL_SECONDS = 3_600;
/** A model call can take tens of seconds; the lock outlives one, and frees itself. */
export const DEFAULT_LOCK_TTL_MS = 30_000;
/** A request waits this long for another process's call before it pays for its own. */
export const DEFAULT_LOCK_WAIT_MS = 20_000;
/** Redis answers in about a millisecond; a quarter of a second means it is in trouble. */
export const DEFAULT_REDIS_TIMEOUT_MS = 250;
/** The shortest secret accepted: 256 bits, the size of the HMAC-SHA-256 output. */
export const MIN_SECRET_BYTES = 32;

/** The options with the defaults filled in. */
export const cacheSettings = (options: CompletionCacheOptions) => ({
  ttlSeconds: options.ttlSeconds ?? DEFAULT_TTL_SECONDS,
  cacheSampled: options.cacheSampled ?? false,
  lockTtlMs: options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
  lockWaitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
  redisTimeoutMs: options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS,
});

/** A tenant id that is safe inside a key and in a SCAN MATCH pattern. */
export const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Where an answer lives: `<prefix>llm:v1:<tenant>:<digest>`, the digest being the hex
 * HMAC-SHA-256 (64 characters) of the normalised request and the tenant. The tenant in
 * clear lets one tenant's entries be found and deleted:
 * SCAN MATCH <prefix>llm:v1:<tenant>:*
 */
export const answerKey = (keyPrefix: string, tenant: string, digest: string): string =>
  `${keyPrefix}llm:v1:${tenant}:${digest}`;

/**
 * Where the totals of `stats()` live: this key, or keys that start with it. They are
 * running totals, like a metrics counter, so they are the only keys without a TTL.
 */
export const statsKey = (keyPrefix: string): string => `${keyPrefix}llm:stats`;
