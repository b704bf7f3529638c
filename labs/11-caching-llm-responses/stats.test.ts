// Lab 11 checks, part 6: what the cache saved. Run: npm test labs/11-caching-llm-responses
// stats() reports hits, misses, paid calls, and the tokens and dollars the hits saved,
// counted in Redis by every process, so any instance reports the fleet's numbers.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdCommands } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, SETTLE_MS, ask, collect, expectCalls, setUp } from './cache.support.js';
import { MODEL_PRICES, statsKey, type CacheStats, type ChatCompletion } from './src/contract.js';

const lab = useLab('11', LAB_OPTIONS);
const statsIdea = `A hit saves the call it did not make: count hits, misses and paid calls, and add each hit's prompt_tokens + completion_tokens, priced per model from MODEL_PRICES (dollars per million tokens, input and output apart), to totals in Redis under statsKey(keyPrefix), so every process adds to the same numbers (${LESSON}, "Streams and savings").`;

type Usage = NonNullable<ChatCompletion['usage']>;
const tokens = (usage: Usage | undefined) => (usage ? usage.prompt_tokens + usage.completion_tokens : NaN);
const dollars = (model: string, usage: Usage | undefined) => {
  const price = MODEL_PRICES[model];
  return price && usage ? (usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1e6 : 0;
};

/** Fails unless `stats` holds exactly `expected`; cost to a billionth of a dollar, the rest exactly. */
function expectStats(stats: CacheStats, expected: CacheStats, what: string, idea = statsIdea): void {
  const message = `${what}: stats() returned ${JSON.stringify(stats)}; expected ${JSON.stringify(expected)}.\n${idea}`;
  expect({ ...stats, costSaved: 0 }, message).toEqual({ ...expected, costSaved: 0 });
  expect(stats.costSaved, message).toBeCloseTo(expected.costSaved, 9);
}

describe('what the cache saved', () => {
  it('11.24 stats() counts hits, misses and paid calls exactly, and the tokens and dollars each hit saved at its model\'s prices', async () => {
    const { server, cache } = await setUp(lab);
    const llm = await cache();
    const zero = { hits: 0, misses: 0, paidCalls: 0, tokensSaved: 0, costSaved: 0 };
    expectStats(await llm.stats(), zero, 'Before any request');
    const mini = ask('How do I reserve a study room for a group of six on a Saturday afternoon, with a projector and a whiteboard?');
    const large = ask('Summarise the rules for the rare books room.', { model: 'gpt-4o-2024-08-06' });
    const unpriced = ask('Is the lift working?', { model: 'larchfield-local-1' });
    const alias = ask('Where can I park my bike?', { model: 'gpt-4o-mini' });
    server.when((request) => (request.model === alias.model ? { model: 'gpt-4o-mini-2024-07-18' } : undefined));
    const answers: ChatCompletion[] = [];
    for (const request of [mini, mini, mini, large, large, unpriced, unpriced, alias, alias]) answers.push(await llm.complete('acme', request));
    await llm.complete('acme', ask('Suggest a novel', { temperature: 0.7 }));
    server.when((request) => (request.messages.at(-1)?.content === 'Fail' ? { error: 500 } : undefined));
    await llm.complete('acme', ask('Fail')).catch(() => undefined);
    const [m, l, u, a] = [answers[0]!, answers[3]!, answers[5]!, answers[7]!];
    const expected = {
      hits: 5,
      misses: 5,
      paidCalls: 6,
      tokensSaved: 2 * tokens(m.usage) + tokens(l.usage) + tokens(u.usage) + tokens(a.usage),
      costSaved: 2 * dollars(m.model, m.usage) + dollars(l.model, l.usage) + dollars('gpt-4o-mini-2024-07-18', a.usage),
    };
    expectStats(
      await llm.stats(),
      expected,
      'After a question asked three times, one asked twice on gpt-4o, one twice on a model without a price, one twice on the alias gpt-4o-mini (answered by gpt-4o-mini-2024-07-18), one sampled request and one that failed with a 500',
      `Hits: the five repeats. Misses: the four first askings and the sampled request, each answered by a call of its own. Paid calls: every call sent, the failed one too. Tokens saved: prompt + completion tokens of each answer a hit served. Dollars: those tokens at the prices of the model the answer names (completion.model: an alias in the request is answered by a dated snapshot, and that is what was billed); a model missing from MODEL_PRICES saves tokens but no dollars.\n${statsIdea}`,
    );

    // Up to date when the request's promise, or its stream, has ended: while a count has
    // not reached Redis (held here, well within redisTimeoutMs), the request has not ended.
    const totals = statsKey(lab.redis.prefix);
    const endings = (['complete', 'stream'] as const).map(async (form) => {
      const redis = lab.redis.client();
      await redis.ping();
      const count = holdCommands(redis, (_, command) => command.args.some((arg) => String(arg).startsWith(totals)));
      const counting = await cache({ redis });
      const ending = form === 'complete' ? counting.complete('acme', mini) : collect(counting.stream('acme', ask('Can I renew a loan by phone?')));
      await expectSettlesWithin(count.reached, LIVENESS_MS, `a ${form === 'complete' ? 'request' : 'stream'}'s count to be sent to Redis`, statsIdea);
      const endedFirst = await Promise.race([ending.then(() => true, () => true), sleep(SETTLE_MS).then(() => false)]);
      count.release();
      await ending;
      expect(endedFirst, `A ${form === 'complete' ? 'request\'s promise resolved' : 'stream ended'} while its count had not yet reached Redis: a stats() right after it reports old totals, and a process that exits then loses the count. Await the counting (bounded by redisTimeoutMs) before the request ends.\n${statsIdea}`).toBe(false);
    });
    await Promise.all(endings);
  });

  it('11.25 every process adds to the same totals: waiting for another request\'s call is a hit, and a replayed stream saves its tokens too', async () => {
    const { server, cache, processes } = await setUp(lab);
    const [a, b, c] = await processes(3);
    const [onA, onB] = [await cache({}, a), await cache({}, b)];
    const held = server.hold();
    const request = ask('When does the summer reading challenge start?');
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? onB : onA).complete('acme', request)));
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'the first call to the model', statsIdea);
    await sleep(150); // the other five are waiting by now
    held.release();
    await expectSettlesWithin(all, LIVENESS_MS, 'six identical requests over two processes', statsIdea);
    // Asked by its alias: the stream names the dated snapshot that answered, whose price a replay saves.
    const streamed = ask('Can I stream the audiobook collection at home?', { model: 'gpt-4o-mini' });
    server.when((r) => (r.model === streamed.model ? { model: 'gpt-4o-mini-2024-07-18' } : undefined));
    await collect(onA.stream('acme', streamed));
    await collect(onB.stream('acme', streamed));
    await collect(onB.stream('acme', streamed));
    const abandoned = onA.stream('acme', streamed)[Symbol.asyncIterator]();
    await abandoned.next(); // a replay its caller stops reading after the first chunk
    await abandoned.return?.();
    server.when((r) => (r.messages.at(-1)?.content === 'Broken off' ? { breakAfter: 2 } : undefined));
    await collect(onB.stream('acme', ask('Broken off'))).catch(() => undefined);
    const dropped = onB.stream('acme', ask('Read me the whole catalogue'))[Symbol.asyncIterator]();
    await dropped.next(); // a miss its caller stops reading after the first chunk: the call was sent all the same
    await dropped.return?.();
    await collect(onA.stream('acme', ask('Suggest a novel', { temperature: 0.7 })));
    expectCalls(server, 5, 'Six identical requests over two processes, a question streamed three times, a stream that broke off, one its caller stopped reading and a sampled stream', `One call for the six (11.12), one for the stream (11.21), one each for the broken stream, the dropped one and the sampled one: this check counts them.\n${statsIdea}`);
    const [whole, stream] = server.usages;
    const expected = {
      hits: 7,
      misses: 3,
      paidCalls: 5,
      tokensSaved: 5 * tokens(whole) + 2 * tokens(stream),
      costSaved: (5 * dollars(request.model, whole)) + 2 * dollars('gpt-4o-mini-2024-07-18', stream),
    };
    const idea = `Five of the six requests were answered by the first one's call, in its process or through Redis: each is a hit and saved that answer's tokens. A replayed stream saves the tokens of the stream it replays, which the model reports only when asked: stream_options: { include_usage: true }. A replay is priced at the model its stored answer names (the snapshot that answered the alias gpt-4o-mini), like a whole answer. A stream counts once its caller has read it to the end: the replay its caller stopped reading is no hit, the stream that broke off and the one its caller stopped reading are paid calls but no misses (the call was sent when the stream began), and the sampled stream is a miss like any request answered by its own call. And the totals live in Redis, so all processes report the same numbers, a new one too.\n${statsIdea}`;
    const onC = await cache({}, c);
    for (const [name, instance] of [['A', onA], ['B', onB], ['C, started afterwards', onC]] as const) {
      expectStats(await instance.stats(), expected, `Process ${name}, after six concurrent requests over A and B, a stream asked once on A and twice on B (by the alias gpt-4o-mini), a replay A stopped reading, a stream that broke off, a new stream B stopped reading and a sampled stream`, idea);
    }
  });
});
