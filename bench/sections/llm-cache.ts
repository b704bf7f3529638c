// Section 6: an LLM response cache (lab 11). A thousand questions to a model that takes a
// stated time per call, asked with a realistic repeat rate (a Zipf skew over a question
// set: a few questions are asked all the time). How many calls are paid for, and what
// does a caller wait, with no cache, with the lab's starter and with its solution?
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CompletionCacheOptions, CompletionRequest } from '../../labs/11-caching-llm-responses/src/contract.js';
import { createCompletionCache as createStarterCache } from '../../labs/11-caching-llm-responses/src/completion-cache.js';
import { createCompletionCache as createSolutionCache } from '../../solutions/11-caching-llm-responses/src/completion-cache.js';
import type { BenchContext } from '../context.js';
import { startBenchModelServer, type BenchModelServer } from '../model-server.js';
import type { Progress } from '../progress.js';
import type { LlmRow, LlmSection } from '../results.js';
import type { LlmSettings } from '../settings.js';
import { repeated, summarise } from '../stats.js';
import { closedLoop, zipfIds } from '../workload.js';

type Complete = (request: CompletionRequest) => Promise<unknown>;

interface Contender {
  name: string;
  /** One per app instance, each on that instance's own Redis connection. */
  instances(clients: Redis[], model: BenchModelServer, keyPrefix: string): Complete[];
}

const TENANT = 'shop';
const SECRET = randomBytes(32).toString('hex');

const cached =
  (create: (options: CompletionCacheOptions) => { complete: (tenant: string, request: CompletionRequest) => Promise<unknown> }) =>
  (clients: Redis[], model: BenchModelServer, keyPrefix: string): Complete[] =>
    clients.map((redis) => {
      const cache = create({ redis, openai: model.openai, keyPrefix, secret: SECRET });
      return (request) => cache.complete(TENANT, request);
    });

const CONTENDERS: Contender[] = [
  { name: 'no cache', instances: (clients, model) => clients.map(() => (request) => model.openai.chat.completions.create(request)) },
  { name: 'lab 11 starter', instances: cached(createStarterCache) },
  { name: 'lab 11 solution', instances: cached(createSolutionCache) },
];

/** A support desk's question, the i-th of the set; temperature 0, so an answer may be reused. */
const requestFor = (i: number): CompletionRequest => ({
  model: 'bench-model-1',
  temperature: 0,
  messages: [
    { role: 'system', content: 'You answer questions about the coffee equipment our shop sells, briefly.' },
    { role: 'user', content: `Question ${i}: how do I look after item ${i} so that it lasts?` },
  ],
});

export async function runLlmCache(context: BenchContext, settings: LlmSettings, progress: Progress): Promise<LlmSection> {
  const draw = zipfIds(settings.questions, settings.zipfExponent, 11);
  const sequence = Array.from({ length: settings.requests }, () => requestFor(draw()));
  const distinct = new Set(sequence.map((request) => request.messages[1]!.content)).size;
  const clients = Array.from({ length: settings.instances }, () => context.client());
  await Promise.all(clients.map((client) => client.ping()));
  const model = await startBenchModelServer(settings.modelLatencyMs);

  const rows: LlmRow[] = [];
  try {
    for (const contender of CONTENDERS) {
      const paid: number[] = [];
      const tokens: number[] = [];
      const p50: number[] = [];
      const p99: number[] = [];
      const wall: number[] = [];
      for (let round = 0; round < settings.rounds; round++) {
        progress.step(`LLM cache: ${contender.name}, round ${round + 1}/${settings.rounds}`, settings.requests);
        await context.emptyCache(); // every round starts cold
        const instances = contender.instances(clients, model, `${context.redis.prefix}llm-${round}:`);
        model.reset();
        const loop = await closedLoop(
          settings.requests,
          settings.inFlight,
          (i) => instances[i % instances.length]!(sequence[i]!),
          (done) => progress.update(done),
        );
        const latency = summarise(loop.samples);
        paid.push(model.paidCalls);
        tokens.push(model.tokensBilled);
        p50.push(latency.p50);
        p99.push(latency.p99);
        wall.push(loop.wallMs);
      }
      rows.push({
        name: contender.name,
        paidCalls: repeated(paid),
        tokensBilled: repeated(tokens),
        p50Ms: repeated(p50),
        p99Ms: repeated(p99),
        wallMs: repeated(wall),
      });
    }
  } finally {
    await model.close();
  }
  await context.emptyCache();
  return {
    requests: settings.requests,
    questions: settings.questions,
    distinctQuestions: distinct,
    zipfExponent: settings.zipfExponent,
    modelLatencyMs: settings.modelLatencyMs,
    inFlight: settings.inFlight,
    instances: settings.instances,
    rounds: settings.rounds,
    rows,
  };
}
