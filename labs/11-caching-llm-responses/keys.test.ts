// Lab 11 checks, part 1: the key. Run: npm test labs/11-caching-llm-responses
// Equal questions share one entry, different ones never do, and a key gives away neither
// the prompt nor, without the server's secret, which prompt it stands for.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { serverCommandsDuring } from '../../harness/lab/server-commands.js';
import { EQUAL_IDEA, LAB_OPTIONS, LESSON, SECRET, SETTLE_MS, ask, collect, equalRequests, expectCalls, setUp, textOf } from './cache.support.js';
import type { CompletionRequest } from './src/contract.js';

const lab = useLab('11', LAB_OPTIONS);
const keyIdea = `The key is answerKey(keyPrefix, tenant, digest), the digest the hex HMAC-SHA-256, under the server's secret, of the normalised request and the tenant (${LESSON}, "The key: a keyed hash of the normalised request").`;

describe('the cache key', () => {
  it('11.1 a repeated request is answered from Redis: one paid call, the same completion, a 64-hex key free of the prompt', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    const request = ask(`Which Larchfield branch opens on Sundays? ${'Please be brief. '.repeat(400)}`);
    const first = await llm.complete('acme', request);
    const second = await llm.complete('acme', request);
    expectCalls(server, 1, 'The same request, asked twice', `The second one should be answered from Redis.\n${keyIdea}`);
    expect(second, `The repeat returned ${textOf(second)}; expected the stored answer, ${textOf(first)}, with its id and usage unchanged.\n${keyIdea}`).toEqual(first);
    const keys = await answerKeys();
    const all = (await lab.redis.keys()).map((k) => k.key);
    expect(keys.length, `Redis holds ${JSON.stringify(all)}; expected one key <prefix>llm:v1:acme:<64 hex characters>, whatever the prompt's length.\n${keyIdea}`).toBe(1);
    expect(keys[0]!.tenant, keyIdea).toBe('acme');
    const leaked = all.filter((k) => /Larchfield|Sundays|brief/i.test(k));
    expect(leaked, `Keys carry the prompt: ${leaked.join(', ').slice(0, 300)}. Keys show up in SCAN, MONITOR and slow logs, where values do not.\n${keyIdea}`).toEqual([]);
  });

  it('11.2 requests that differ only in field order, outer blanks, line endings, Unicode form, stop form, user or metadata share an entry', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    const { base, same } = equalRequests();
    await llm.complete('acme', base);
    for (const [difference, request] of same) {
      await llm.complete('acme', request);
      expectCalls(server, 1, `After the same question with ${difference}`, EQUAL_IDEA);
    }
    expect((await answerKeys()).length, `Equal requests should share one entry.\n${keyIdea}`).toBe(1);
  });

  it('11.3 requests that differ in model, a message or its place, letter case, inner spacing or any answer-changing parameter each get their own answer', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    const base = ask('How many books may I borrow at once?');
    const variants: [string, CompletionRequest][] = [
      ['the same question', base],
      ['another model version', { ...base, model: 'gpt-4o-mini-2024-12-01' }],
      ['the model name in other letter case', { ...base, model: 'GPT-4o-mini-2024-07-18' }],
      ['other letter case', ask('how many books may I borrow at once?')],
      ['spacing inside the prompt', ask('How many books  may I borrow at once?')],
      ['a second line', ask('How many books may I borrow at once?\nAnd how many DVDs?')],
      ['that second line indented (spacing inside the text, not around it)', ask('How many books may I borrow at once?\n    And how many DVDs?')],
      ['a full-width question mark (one NFKC, unlike NFC, folds into "?")', ask('How many books may I borrow at once\uff1f')],
      ['another system prompt', { ...base, messages: [{ role: 'system', content: 'You answer for the Larchfield archive.' }, base.messages[1]!] }],
      ['the system text sent as a user turn', { ...base, messages: [{ role: 'user', content: base.messages[0]!.content }, base.messages[1]!] }],
      ['an earlier turn of the conversation', { ...base, messages: [base.messages[0]!, { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello!' }, base.messages[1]!] }],
      ['the same turns in another order', { ...base, messages: [base.messages[0]!, base.messages[1]!, { role: 'assistant', content: 'Hello!' }, { role: 'user', content: 'Hi' }] }],
      ['a second turn written into the first one\'s text ("...\\nuser: And how many DVDs?")', ask('How many books may I borrow at once?\nuser: And how many DVDs?')],
      ['those two lines sent as two user turns (a transcript joined as "role: text" lines reads them the same)', { ...base, messages: [base.messages[0]!, base.messages[1]!, { role: 'user', content: 'And how many DVDs?' }] }],
      ['top_p 0.5', { ...base, top_p: 0.5 }],
      ['max_completion_tokens 50', { ...base, max_completion_tokens: 50 }],
      ['a stop sequence', { ...base, stop: ['\n\n'] }],
      ['a seed', { ...base, seed: 7 }],
      ['presence_penalty 0.5', { ...base, presence_penalty: 0.5 }],
      ['frequency_penalty 0.5', { ...base, frequency_penalty: 0.5 }],
      ['JSON output', { ...base, response_format: { type: 'json_object' } }],
    ];
    const answers = [];
    for (const [difference, request] of variants) {
      const before = server.calls.length;
      answers.push(await llm.complete('acme', request));
      expect(server.calls.length, `A request with ${difference} was answered from the cache with ${textOf(answers.at(-1))}, the answer to an earlier request. The model would answer it differently, so it needs its own entry: hash every field of ANSWER_FIELDS as given (the model's name and the order of the messages included, each message a value of its own: a transcript joined into one text lets a line inside a turn read as a turn boundary), and change only what cannot change the answer: blanks around a message's whole text, not around each of its lines (${LESSON}, "The key").`).toBe(before + 1);
    }
    for (const [i, [difference, request]] of variants.entries()) {
      const again = await llm.complete('acme', request);
      expect(again, `Asked again, the request with ${difference} got ${textOf(again)}; expected its own answer, ${textOf(answers[i])}.\n${keyIdea}`).toEqual(answers[i]);
    }
    expectCalls(server, variants.length, 'After every request was asked twice', keyIdea);
    expect((await answerKeys()).length, `Each request should have an entry of its own.\n${keyIdea}`).toBe(variants.length);
  });

  it('11.4 tenants never share an entry, and an unsafe tenant id is refused before any call', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    const request = ask('Summarise our late-fee policy');
    const tenantIdea = `The tenant goes into the key's prefix and into the hashed input, as given (letter case included: "Acme" is not "acme"), so two customers never share an entry, even for the same text (${LESSON}, "Whose data is this?").`;
    const tenants = ['acme', 'globex', 'Acme'];
    const answers = [];
    for (const tenant of tenants) answers.push(await llm.complete(tenant, request));
    expectCalls(server, tenants.length, `The same request from tenants ${tenants.join(', ')}`, tenantIdea);
    for (const [i, tenant] of [...tenants.entries()].reverse()) {
      const again = await llm.complete(tenant, request);
      expect(again, `${tenant}'s repeat got ${textOf(again)}; expected ${tenant}'s own answer, ${textOf(answers[i])}.\n${tenantIdea}`).toEqual(answers[i]);
    }
    const keys = await answerKeys();
    expect(keys.map((k) => k.tenant).sort(), `Answer keys name tenants ${JSON.stringify(keys.map((k) => k.tenant))}.\n${tenantIdea}`).toEqual([...tenants].sort());
    const digests = keys.map((k) => `${k.tenant}: ${k.digest}`);
    expect(new Set(keys.map((k) => k.digest)).size, `The tenants' entries have the digests ${JSON.stringify(digests)}: equal digests under two tenants tell anyone who can list keys that both customers asked the same question, and leave only the readable segment keeping their entries apart.\n${tenantIdea}`).toBe(tenants.length);
    for (const unsafe of ['acme:*', '', 'ac me', '../globex', 'x'.repeat(65), 'café']) {
      const { result: outcome, commands } = await serverCommandsDuring(lab.redis, () => llm.complete(unsafe, request).then(() => 'answered', () => 'refused'));
      const reads = commands.filter((c) => c.args.some((arg) => arg.includes('llm:v1:')));
      expect(reads.map((c) => `${c.name} ${c.args.join(' ')}`), `For tenant id ${JSON.stringify(unsafe)} the code sent these commands on answer keys before refusing it; an unsafe id is refused before any key is built, so no pattern like "acme:*" ever reaches Redis (${LESSON}, "Whose data is this?").`).toEqual([]);
      expect(outcome, `Tenant id ${JSON.stringify(unsafe)} was ${outcome}; an id that could break the key layout (or a SCAN MATCH for one tenant's keys) must be refused: check it against TENANT_ID, [A-Za-z0-9_-] only, not letters of any script (${LESSON}, "Whose data is this?").`).toBe('refused');
    }
    const sampled = ask('Suggest a novel about late fees', { temperature: 0.7 });
    for (const unsafe of ['acme:*', 'café']) {
      const outcome = await llm.complete(unsafe, sampled).then(() => 'answered', () => 'refused');
      expect(outcome, `A sampled request (temperature 0.7, which goes straight to the model) for tenant id ${JSON.stringify(unsafe)} was ${outcome}; the id is checked first, whatever the request: a request that skips the cache is still a request for that tenant (${LESSON}, "Whose data is this?").`).toBe('refused');
    }
    expectCalls(server, tenants.length, 'After six requests with unsafe tenant ids, and two sampled ones', 'A refused request never reaches the model.');

    // Two tenants asking the same at once, in one process: the calls they share in the
    // process are per tenant too, like their entries.
    const burst = ask('Which of our branches has a makerspace?');
    const held = server.hold();
    const both = Promise.all(['acme', 'globex'].map((tenant) => llm.complete(tenant, burst)));
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'the first call for acme and globex asking the same at once', tenantIdea);
    await sleep(SETTLE_MS); // the other tenant's request has called, or joined the first call, by now
    held.release();
    const [forAcme, forGlobex] = await expectSettlesWithin(both, LIVENESS_MS, 'acme and globex asking the same at once', tenantIdea);
    expect(forGlobex, `acme and globex asked the same question at once in one process and both got ${textOf(forAcme)}: a request joined another tenant's call. Requests in one process share a call only when they share the key, tenant included (a Map of calls in flight keyed by the question alone hands one customer's answer to another).\n${tenantIdea}`).not.toEqual(forAcme);
    expectCalls(server, tenants.length + 2, 'acme and globex asking the same at once in one process', tenantIdea);
  });

  it('11.5 the digest is keyed by the server secret: instances sharing it share entries, another secret gives other keys', async () => {
    const { server, cache, processes, answerKeys } = await setUp(lab);
    const [a, b, c] = await processes(3);
    const request = ask('Is my interlibrary loan still pending?');
    const onA = await (await cache({}, a)).complete('acme', request);
    const onB = await (await cache({}, b)).complete('acme', request);
    const secretIdea = `Key the hash with the server's secret (createHmac('sha256', secret)): a bare SHA-256 lets anyone who sees a key confirm a guessed prompt by hashing it, and an instance with the same secret must find the same key (${LESSON}, "The key").`;
    expectCalls(server, 1, 'Two instances with the same secret, asked the same', secretIdea);
    expect(onB, `Instance B should be served A's stored answer.\n${secretIdea}`).toEqual(onA);
    await (await cache({ secret: 'another secret, 32 bytes or longer!!' }, c)).complete('acme', request);
    expectCalls(server, 2, 'An instance with another secret, asked the same', `Its key must differ: the digest depends on the secret.\n${secretIdea}`);
    const digests = (await answerKeys()).map((k) => k.digest);
    expect(new Set(digests).size, `The two secrets gave digests ${JSON.stringify(digests)}.\n${secretIdea}`).toBe(2);
    const short = 'x'.repeat(31);
    const built = await cache({ secret: short }, a).then(() => 'accepted', () => 'refused');
    expect(built, `createCompletionCache ${built} a 31-byte secret; a short secret can be guessed, and then the digest is a plain hash again: refuse fewer than MIN_SECRET_BYTES (32) bytes.`).toBe('refused');
    expect(await cache({ secret: SECRET.slice(0, 32) }, a).then(() => 'accepted', () => 'refused'), 'A 32-byte secret is long enough.').toBe('accepted');

    const streamed = ask('Is my interlibrary loan still pending? Tell me as you go.');
    await collect((await cache({}, a)).stream('acme', streamed));
    await collect((await cache({}, b)).stream('acme', streamed));
    expectCalls(server, 3, 'A question streamed on instance A, then on B with the same secret', `Streams are keyed like whole answers: B replays A's stream.\n${secretIdea}`);
    await collect((await cache({ secret: 'another secret, 32 bytes or longer!!' }, c)).stream('acme', streamed));
    expectCalls(server, 4, 'The same question streamed on an instance with another secret', `A stream's digest depends on the secret too: every key, streamed or whole, is an HMAC under it.\n${secretIdea}`);
  });
});
