// Lab 11 checks, part 2: what is kept, and for how long. Run: npm test labs/11-caching-llm-responses
// Only complete, deterministic answers are stored (an allow-list), each for exactly the TTL.
import { describe, expect, it } from 'vitest';
import { leastTtlLeft } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, ask, expectCalls, setUp, textOf } from './cache.support.js';
import type { Reply } from './model-server.support.js';
import { DEFAULT_TTL_SECONDS, type ChatCompletion, type CompletionCache, type CompletionRequest } from './src/contract.js';

type FinishReason = ChatCompletion['choices'][number]['finish_reason'];

const lab = useLab('11', LAB_OPTIONS);
const neverIdea = `Cache only what finished normally: finish_reason "stop" (allow that one, rather than deny the endings you know of: "tool_calls" is half a turn), text present, no refusal. Anything else replayed from the cache turns one bad response into everyone's answer for the whole TTL (${LESSON}, "Never cache a failure").`;
const sampledIdea = `With temperature above 0 the model samples: caching freezes one sample for everyone. Leave it out unless cacheSampled says otherwise; the API reads an omitted temperature as 1 (API_DEFAULT_TEMPERATURE) (${LESSON}, "How long to keep an answer").`;

describe('what is cached', () => {
  it('11.6 an API error reaches the caller as the API sent it and is not cached: the next request calls the model again', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    let failures = 2;
    server.when((request) => (request.messages.at(-1)?.content.includes('overdue') && failures-- > 0 ? { error: failures ? 429 : 500 } : undefined));
    const request = ask('List my overdue books');
    for (const status of [429, 500]) {
      const error = await llm.complete('acme', request).then(() => undefined, (e: unknown) => e as { status?: number });
      expect(error?.status, `The model server answered ${status}; the caller got ${error ? `an error with status ${error.status}` : 'an answer'}. Let the client's error through (its status tells the caller whether to retry), and store nothing.\n${neverIdea}`).toBe(status);
    }
    expectCalls(server, 2, 'After a 429 and then a 500 for the same request', `Each request after an error must call the model again.\n${neverIdea}`);
    expect(await answerKeys(), `Errors left entries in Redis.\n${neverIdea}`).toEqual([]);
    const answer = await llm.complete('acme', request);
    expect(await llm.complete('acme', request), `Once the model answers, that answer is cached.\n${neverIdea}`).toEqual(answer);
    expectCalls(server, 3, 'After the model recovered and the request was asked twice', neverIdea);
  });

  it('11.7 truncated, filtered, refused, empty and tool-calling answers are returned to the caller but not cached', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    const replies: [string, Reply][] = [
      ['a truncated answer (finish_reason "length")', { content: 'The late fee is', finishReason: 'length' }],
      ['a filtered answer (finish_reason "content_filter")', { content: '', finishReason: 'content_filter' }],
      ['a refusal (message.refusal set, finish_reason "stop")', { content: null, refusal: 'I cannot help with that.' }],
      ['a refusal with text in content as well', { content: 'Sorry.', refusal: 'I cannot help with that.' }],
      ['an empty answer', { content: '' }],
      ['no content at all (content null, no refusal)', { content: null }],
      ['an answer of blanks only', { content: ' \n ' }],
      ['two choices (as n > 1 returns them)', { content: 'Two pounds.', choices: 2 }],
      ['a turn that asks for a tool (finish_reason "tool_calls") with a line of text', { content: 'Let me check the catalogue.', finishReason: 'tool_calls' }],
      ['the older form of it (finish_reason "function_call")', { content: 'Checking the catalogue.', finishReason: 'function_call' }],
      ['an ending nobody lists (finish_reason "pause_turn", as a newer API may send)', { content: 'Let me think about that.', finishReason: 'pause_turn' as FinishReason }],
    ];
    for (const [i, [what, reply]] of replies.entries()) {
      const prompt = `Question ${i}`;
      server.when((request) => (request.messages.at(-1)?.content === prompt ? reply : undefined));
      const request = ask(prompt);
      const first = await llm.complete('acme', request);
      expect(first.choices[0]?.message.content, `For ${what} the caller got ${textOf(first)}: the caller still gets what the model returned.`).toBe('content' in reply ? reply.content : undefined);
      const before = server.calls.length;
      await llm.complete('acme', request);
      expect(server.calls.length, `After ${what}, the same request was answered from the cache.\n${neverIdea}`).toBe(before + 1);
    }
    expect(await answerKeys(), `Incomplete answers left entries in Redis.\n${neverIdea}`).toEqual([]);
  });

  it('11.8 sampled requests (temperature above 0, or left out) are not cached by default; temperature 0 is', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    const cases: [string, CompletionRequest][] = [
      ['temperature 0.7', ask('Suggest a novel', { temperature: 0.7 })],
      ['temperature 0.01', ask('Suggest a poem', { temperature: 0.01 })],
      ['no temperature at all', { model: 'gpt-4o-mini-2024-07-18', messages: [{ role: 'user', content: 'Suggest a play' }] }],
    ];
    for (const [what, request] of cases) {
      const before = server.calls.length;
      const answers = await Promise.all([llm.complete('acme', request), llm.complete('acme', request)]);
      await llm.complete('acme', request);
      expect(server.calls.length - before, `Three requests with ${what} (two of them at once) made ${server.calls.length - before} call(s); each asks for its own sample, so expected 3. Sharing one call between concurrent callers freezes a sample just as caching does (${answers.map(textOf).join(', ')}).\n${sampledIdea}`).toBe(3);
    }
    expect(await answerKeys(), `Sampled answers were stored.\n${sampledIdea}`).toEqual([]);
    await llm.complete('acme', ask('Opening hours?'));
    await llm.complete('acme', ask('Opening hours?'));
    expectCalls(server, 10, 'After the sampled requests, a temperature-0 request asked twice', `Temperature 0 is deterministic: cache it.\n${sampledIdea}`);
  });

  it('11.9 with cacheSampled, sampled answers are cached too, each temperature its own entry, an omitted one the same as 1', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache({ cacheSampled: true });
    const warm = ask('Suggest a novel', { temperature: 0.7 });
    const first = await llm.complete('acme', warm);
    expect(await llm.complete('acme', warm), `With cacheSampled: true a temperature-0.7 answer is kept like any other.\n${sampledIdea}`).toEqual(first);
    expectCalls(server, 1, 'With cacheSampled, one temperature-0.7 request asked twice', sampledIdea);
    await llm.complete('acme', ask('Suggest a novel', { temperature: 0.2 }));
    expectCalls(server, 2, 'Then the same at temperature 0.2', `The temperature changes the answer, so it is in the key.\n${sampledIdea}`);
    const omitted = { model: 'gpt-4o-mini-2024-07-18', messages: ask('x').messages.map((m) => (m.role === 'user' ? { ...m, content: 'Suggest a play' } : m)) };
    await llm.complete('acme', omitted);
    await llm.complete('acme', { ...omitted, temperature: 1 });
    expectCalls(server, 3, 'Then a request without temperature and the same with temperature 1', `They ask the model the same thing: normalise the default in (${LESSON}, "The key").`);
    await llm.complete('acme', { ...omitted, temperature: 0 });
    expectCalls(server, 4, 'Then the same at temperature 0', `Temperature 0 is a value, not an omission: fill in the default only when the field is absent (temperature ?? 1), or 0 and 1 share an entry and a deterministic question gets a sample (${LESSON}, "The key").`);
    expect((await answerKeys()).length, sampledIdea).toBe(4);
  });

  it('11.10 an answer lives exactly ttlSeconds (default 3600), a hit does not extend it, and once it expires the model is asked again', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const ttlIdea = (seconds: number) => `Store the answer with its TTL in the same command (SET key value EX ${seconds}): exactly ttlSeconds, the one number the README gives; no TTL means answers outlive model and prompt changes (${LESSON}, "How long to keep an answer").`;
    const payers: CompletionCache[] = [];
    for (const [ttl, tenant, overrides] of [[DEFAULT_TTL_SECONDS, 'acme', {}], [90, 'globex', { ttlSeconds: 90 }]] as const) {
      const payer = await cache(overrides);
      payers.push(payer);
      const asked = performance.now();
      await payer.complete(tenant, ask('When is the reading room quiet?'));
      const entry = (await answerKeys()).find((k) => k.tenant === tenant);
      // The PTTL may lack from the whole TTL only the time since the request began, before
      // which nothing was stored: a TTL shortened by a second, or by jitter, shows.
      const least = leastTtlLeft(ttl * 1000, asked);
      const pttl = entry?.pttlMs ?? NaN;
      expect(pttl >= least && pttl <= ttl * 1000, `${JSON.stringify(overrides)}: the answer's PTTL is ${pttl} ms; expected between ${least} (${ttl} s less the time since the request began) and ${ttl * 1000}.\n${ttlIdea(ttl)}`).toBe(true);
    }
    const llm = await cache();
    const request = ask('When is the reading room quiet?');
    const [entry] = (await answerKeys()).filter((k) => k.tenant === 'acme');
    await lab.redis.admin.pexpire(entry!.key, 4000);
    await llm.complete('acme', request);
    const left = await lab.redis.admin.pttl(entry!.key);
    expect(left > 0 && left <= 4000, `After a hit the entry's PTTL is ${left} ms, up from 4000: a hit must not make an answer young again, or a popular answer never picks up a model or prompt change.\n${ttlIdea(DEFAULT_TTL_SECONDS)}`).toBe(true);
    expectCalls(server, 2, 'Before the entry expired', ttlIdea(DEFAULT_TTL_SECONDS));
    await lab.redis.admin.pexpire(entry!.key, 1);
    while ((await lab.redis.admin.exists(entry!.key)) === 1) await new Promise((resolve) => setTimeout(resolve, 2));
    // Asked of the process that paid for the answer: a copy it kept in memory would outlive the entry.
    await payers[0]!.complete('acme', request);
    expectCalls(server, 3, 'After the entry expired, the process that had paid for it asked again', `An expired entry is a miss, in every process: Redis is the cache, and a copy kept in a process's memory still answers after the entry has expired or been removed.\n${ttlIdea(DEFAULT_TTL_SECONDS)}`);
  });
});
