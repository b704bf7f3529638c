// The cache's running totals, kept in Redis so that every process adds to the same
// numbers and any of them can report them. Counting is best effort: a Redis in trouble
// costs a request at most redisTimeoutMs here, never its answer.
import type { Redis } from 'ioredis';
import {
  MODEL_PRICES,
  type CacheStats,
  type ChatCompletion,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { bounded } from './bounded.js';

export interface StatsCounter {
  /** A call is about to be sent to the model. */
  paid(): Promise<void>;
  /** A request got `completion`: by a call of its own (paid) or without one (a hit). */
  answered(completion: ChatCompletion, paid: boolean): Promise<void>;
  /** The totals of every process; rejects when Redis cannot say. */
  read(): Promise<CacheStats>;
}

/** The tokens an answer's call sent and received; an answer without usage saved none we know of. */
const usageOf = ({ usage }: ChatCompletion) => usage ?? { prompt_tokens: 0, completion_tokens: 0 };

/** What the answer's tokens cost at list price, in dollars; 0 for a model without a price. */
export function priceOf(completion: ChatCompletion): number {
  const price = MODEL_PRICES[completion.model];
  const { prompt_tokens, completion_tokens } = usageOf(completion);
  return price ? (prompt_tokens * price.input + completion_tokens * price.output) / 1e6 : 0;
}

const tokensOf = (completion: ChatCompletion) => {
  const { prompt_tokens, completion_tokens } = usageOf(completion);
  return prompt_tokens + completion_tokens;
};

// #region stats
export function statsCounter(redis: Redis, key: string, redisTimeoutMs: number): StatsCounter {
  const add = async (build: (step: ReturnType<Redis['multi']>) => unknown) => {
    const step = redis.multi();
    build(step);
    await bounded(step.exec(), redisTimeoutMs).catch(() => {});
  };
  return {
    paid: () => add((step) => step.hincrby(key, 'paidCalls', 1)),
    answered(completion, paid) {
      if (paid) return add((step) => step.hincrby(key, 'misses', 1));
      return add((step) =>
        step
          .hincrby(key, 'hits', 1)
          .hincrby(key, 'tokensSaved', tokensOf(completion))
          .hincrbyfloat(key, 'costSaved', priceOf(completion)),
      );
    },
    async read() {
      const totals = await bounded(redis.hgetall(key), redisTimeoutMs);
      const total = (field: keyof CacheStats) => Number(totals[field] ?? 0);
      return {
        hits: total('hits'),
        misses: total('misses'),
        paidCalls: total('paidCalls'),
        tokensSaved: total('tokensSaved'),
        costSaved: total('costSaved'),
      };
    },
  };
}
// #endregion stats
