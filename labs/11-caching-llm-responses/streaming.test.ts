// Lab 11 checks, part 5: streamed answers. Run: npm test labs/11-caching-llm-responses
// A caller who asks with `stream: true` reads the model's chunks as they arrive on a miss,
// and the same chunks replayed from Redis on a hit; only a stream that ended well is kept.
import { describe, expect, it } from 'vitest';
import { serverCommandsDuring } from '../../harness/lab/server-commands.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LIVENESS_MS, expectSettlesWithin, leastTtlLeft } from '../../harness/lab/teach.js';
import { EQUAL_IDEA, LAB_OPTIONS, LESSON, ask, collect, equalRequests, expectCalls, readingOf, setUp } from './cache.support.js';
import type { Reply } from './model-server.support.js';
import { DEFAULT_TTL_SECONDS, type ChatCompletion, type ChatCompletionChunk } from './src/contract.js';

type FinishReason = ChatCompletion['choices'][number]['finish_reason'];

const lab = useLab('11', LAB_OPTIONS);
const streamIdea = `A streamed request is cached like a whole one: on a miss, pass each chunk on as it arrives and keep them; once the stream has ended with finish_reason "stop" (and no refusal), store them with the TTL; on a hit, replay the stored chunks, the same pieces in the same order (${LESSON}, "Streams and savings").`;
const partialIdea = `Only a stream that ended well is an answer. One that broke off, that its caller stopped reading, or that ended with anything but "stop" (or with a refusal, or with more than one choice) is stored nowhere, and the next request asks the model again (${LESSON}, "Streams and savings" and "Never cache a failure").`;

/** The first chunk that carries text, and what came before it. */
async function untilFirstPiece(chunks: AsyncIterator<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const read: ChatCompletionChunk[] = [];
  for (;;) {
    const next = await chunks.next();
    if (next.done) return read;
    read.push(next.value);
    if (readingOf([next.value]).pieces.length > 0) return read;
  }
}

/** A one-choice stream in the API's chunk form, to leave at a key as another writer would. */
function plantedStream(pieces: string[], finishReason: 'stop' | 'length' | null, refusal?: string): ChatCompletionChunk[] {
  const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: typeof finishReason = null): ChatCompletionChunk => ({
    id: 'chatcmpl-planted',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const said = refusal ? [chunk({ refusal })] : [];
  const ending = finishReason ? [chunk({}, finishReason)] : [];
  return [chunk({ role: 'assistant', content: '', refusal: null }), ...said, ...pieces.map((content) => chunk({ content })), ...ending];
}

/**
 * Fails unless a stream stored no earlier than `since` has exactly ttlSeconds, less only the
 * time since then: a TTL cut by a margin or by jitter, even of a second, shows.
 */
function expectStreamTtl(pttl: number | undefined, ttlSeconds: number, since: number, what: string): void {
  const least = leastTtlLeft(ttlSeconds * 1000, since);
  const left = pttl ?? NaN;
  expect(left >= least && left <= ttlSeconds * 1000, `${what} the streamed answer's PTTL is ${left} ms; expected between ${least} (${ttlSeconds} s less the time since the stream began) and ${ttlSeconds * 1000}: exactly ttlSeconds, set in the same command as the value, no jitter taken off.\n${streamIdea}`).toBe(true);
}

/** The rest of an iterator, as an array. */
const drain = (chunks: AsyncIterator<ChatCompletionChunk>) => collect({ [Symbol.asyncIterator]: () => chunks });

describe('streamed answers', () => {
  it('11.21 a streamed miss reaches the caller as the model sends it, is stored once complete, and another process replays it as the same stream, its TTL untouched', async () => {
    const { server, cache, processes, answerKeys } = await setUp(lab);
    const [a, b] = await processes(2);
    const ttlSeconds = 120;
    const [onA, onB] = [await cache({ ttlSeconds }, a), await cache({ ttlSeconds }, b)];
    const request = ask('Which floor holds the map collection?');
    const paused = server.pauseStream();
    const since = performance.now(); // nothing was stored before
    const reading = onA.stream('acme', request)[Symbol.asyncIterator]();
    const head = await expectSettlesWithin(
      untilFirstPiece(reading),
      LIVENESS_MS,
      'the first piece of a streamed answer, while the model was still sending the rest',
      `The caller of a stream reads each chunk as the model sends it: collecting the whole answer before passing anything on makes the stream a slow whole answer.\n${streamIdea}`,
    );
    expect(await answerKeys(), `Halfway through the stream an answer was already stored.\n${partialIdea}`).toEqual([]);
    paused.release();
    const original = readingOf([...head, ...(await drain(reading))]);
    expect(original.pieces.length, `The caller read ${JSON.stringify(original.pieces)}; the model sent its answer word by word.\n${streamIdea}`).toBeGreaterThan(3);
    expect(original.finishReason, streamIdea).toBe('stop');
    const stored = await answerKeys();
    expect(stored.length, `After one complete stream Redis holds ${stored.length} answer key(s); expected one at answerKey(keyPrefix, 'acme', <64 hex>).\n${streamIdea}`).toBe(1);
    expectStreamTtl(stored[0]?.pttlMs, ttlSeconds, since, `With ttlSeconds ${ttlSeconds}`);
    const shortened = 60_000;
    await lab.redis.admin.pexpire(stored[0]!.key, shortened);
    for (const [name, onX] of [['B', onB], ['A', onA]] as const) {
      const replay = readingOf(await collect(onX.stream('acme', request)));
      expectCalls(server, 1, `The same streamed request again, on process ${name}`, `It should be replayed from Redis.\n${streamIdea}`);
      expect(replay, `Process ${name}'s replay read ${JSON.stringify(replay.pieces)}; expected the pieces the model sent, ${JSON.stringify(original.pieces)}, and the same finish_reason.\n${streamIdea}`).toEqual(original);
    }
    const left = await lab.redis.admin.pttl(stored[0]!.key);
    expect(left > 0 && left <= shortened, `With ${shortened} ms left, two replays left the stream's entry a PTTL of ${left} ms: a replay is a hit, and a hit never makes an answer young again, streamed or whole (${LESSON}, "How long to keep an answer").`).toBe(true);
  });

  it('11.22 a replay yields exactly the pieces the model sent, in order; whole and streamed forms of one question each stay cached; an entry that is not a complete stream is a miss; each tenant streams its own', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    const pieces = ['  Two', ' pounds', ',\r\n', 'per card', '.\n\n', 'Caf\u00e9 ', 'cards are ', 'free \u2713', ' '];
    server.when((request) => (request.messages.at(-1)?.content.startsWith('Fees') ? { pieces } : undefined));
    const request = ask('Fees for a lost card?');
    const since = performance.now(); // nothing was stored before
    const first = readingOf(await collect(llm.stream('acme', request)));
    expect(first.pieces, `The caller read ${JSON.stringify(first.pieces)} from the model; expected ${JSON.stringify(pieces)}: pass each chunk on as it is.\n${streamIdea}`).toEqual(pieces);
    const replay = readingOf(await collect(llm.stream('acme', request)));
    expectCalls(server, 1, 'The streamed request asked twice', streamIdea);
    expect(replay, `The replay read ${JSON.stringify(replay.pieces)}; expected ${JSON.stringify(pieces)} ending with "stop". Keep the chunks as they came: joining, trimming or re-splitting the text gives the reader another stream.\n${streamIdea}`).toEqual({ pieces, finishReason: 'stop' });
    const [entry] = await answerKeys();
    expectStreamTtl(entry?.pttlMs, DEFAULT_TTL_SECONDS, since, 'Without ttlSeconds (the default)');

    const bothIdea = `The same question asked whole and streamed: each form is answered from the cache once it has been paid for, whole answers as completions and streams as their chunks. Keep two entries (a digest that covers the stream flag), or one that serves both forms, but never one form's entry read as the other's (${LESSON}, "Streams and savings").`;
    const whole = await llm.complete('acme', request);
    const paidForWhole = server.calls.length;
    expect(paidForWhole, `After the stream, the same question asked whole made ${paidForWhole - 1} call(s).\n${bothIdea}`).toBeLessThanOrEqual(2);
    expect(await llm.complete('acme', request), `Asked whole again, the question got another answer.\n${bothIdea}`).toEqual(whole);
    expect(readingOf(await collect(llm.stream('acme', request))), `Streamed again after the whole answer, the question got another stream.\n${bothIdea}`).toEqual({ pieces, finishReason: 'stop' });
    expectCalls(server, paidForWhole, 'The question asked whole twice, then streamed again', bothIdea);

    const junkIdea = `An entry that is not a complete stream is a miss, and the next complete stream replaces it: judge what you read by the rules you store by, since an older release, a hand-made fix or another service may have put it there (${LESSON}, "Never cache a failure").`;
    const junk: [string, string][] = [
      ['[1,2]', '[1,2]'],
      ['[]', '[]'],
      ['{"choices": [', '{"choices": ['],
      ['a truncated stream (finish_reason "length")', JSON.stringify(plantedStream(['Two', ' pou'], 'length'))],
      ['a refused stream', JSON.stringify(plantedStream(['Sorry.'], 'stop', 'I cannot help with that.'))],
      ['a stream of blanks only', JSON.stringify(plantedStream([' ', '\n'], 'stop'))],
      ['a stream without a finish_reason', JSON.stringify(plantedStream(['Two', ' pounds.'], null))],
    ];
    for (const [what, value] of junk) {
      await lab.redis.admin.set(entry!.key, value, 'EX', 60);
      const repaired = await collect(llm.stream('acme', request)).then(readingOf, (e: unknown) => e as Error);
      expect(repaired instanceof Error ? repaired.message : repaired, `With ${what} at the stream's key the stream got ${repaired instanceof Error ? `the error "${repaired.message}"` : JSON.stringify(repaired)}; expected the model's stream.\n${junkIdea}`).toEqual({ pieces, finishReason: 'stop' });
      await collect(llm.stream('acme', request));
    }
    expectCalls(server, paidForWhole + junk.length, `${junk.length} streams over an entry that is not a complete stream, each streamed again`, junkIdea);

    const tenantIdea = `Streamed answers are per tenant like the others: the tenant is in the key and in the hashed text (${LESSON}, "Whose data is this?").`;
    const before = server.calls.length;
    await collect(llm.stream('globex', request));
    expectCalls(server, before + 1, 'The same streamed request from tenant globex', tenantIdea);
    await collect(llm.stream('Acme', request));
    expectCalls(server, before + 2, 'The same streamed request from tenant Acme (acme in capitals: another tenant)', tenantIdea);
    const globex = (await answerKeys()).filter((k) => k.tenant === 'globex').map((k) => k.digest);
    expect(globex, `acme's and globex's streams of one question have the digests ${entry!.digest} and ${JSON.stringify(globex)}.\n${tenantIdea}`).not.toContain(entry!.digest);
    for (const unsafe of ['acme:*', '', 'café']) {
      const { result: outcome, commands } = await serverCommandsDuring(lab.redis, () => collect(llm.stream(unsafe, request)).then(() => 'streamed', () => 'refused'));
      const reads = commands.filter((c) => c.args.some((arg) => arg.includes('llm:v1:')));
      expect(reads.map((c) => `${c.name} ${c.args.join(' ')}`), `For tenant id ${JSON.stringify(unsafe)} the stream sent these commands on answer keys before refusing it; check the id before any key is built or read.\n${tenantIdea}`).toEqual([]);
      expect(outcome, `A stream for tenant id ${JSON.stringify(unsafe)} was ${outcome}; check it against TENANT_ID ([A-Za-z0-9_-] only) before any key or call.\n${tenantIdea}`).toBe('refused');
    }
    const sampled = ask('Suggest a novel about lost cards', { temperature: 0.7 });
    for (const unsafe of ['acme:*', 'café']) {
      const outcome = await collect(llm.stream(unsafe, sampled)).then(() => 'streamed', () => 'refused');
      expect(outcome, `A sampled stream (temperature 0.7, which goes straight to the model) for tenant id ${JSON.stringify(unsafe)} was ${outcome}; the id is checked first, whatever the request.\n${tenantIdea}`).toBe('refused');
    }
    expectCalls(server, before + 2, 'After three streams with unsafe tenant ids, and two sampled ones', tenantIdea);

    const keyIdea = `A stream's key covers what a whole answer's key covers: the model as given, every message in its place with its text as written, and every parameter in ANSWER_FIELDS. A stream limited to 50 tokens, or with another seed, is another question (${LESSON}, "The key").`;
    const base = ask('Which branches lend telescopes?');
    const variants: [string, typeof base][] = [
      ['the question itself', base],
      ['another model', { ...base, model: 'gpt-4o-2024-08-06' }],
      ['max_completion_tokens 50', { ...base, max_completion_tokens: 50 }],
      ['a seed', { ...base, seed: 7 }],
      ['a stop sequence', { ...base, stop: ['\n'] }],
      ['JSON output', { ...base, response_format: { type: 'json_object' } }],
      ['top_p 0.5', { ...base, top_p: 0.5 }],
      ['presence_penalty 0.5', { ...base, presence_penalty: 0.5 }],
      ['frequency_penalty 0.5', { ...base, frequency_penalty: 0.5 }],
      ['the model in capitals', { ...base, model: base.model.toUpperCase() }],
      ['the turns in the other order', { ...base, messages: [...base.messages].reverse() }],
      ['the question on two lines', { ...base, messages: [base.messages[0]!, { role: 'user', content: 'Which branches\nlend telescopes?' }] }],
      ['the same, its second line indented', { ...base, messages: [base.messages[0]!, { role: 'user', content: 'Which branches\n  lend telescopes?' }] }],
    ];
    const variantStart = server.calls.length;
    for (const [i, [difference, variant]] of variants.entries()) {
      const got = readingOf(await collect(llm.stream('acme', variant)));
      expectCalls(server, variantStart + i + 1, `The stream with ${difference} (got ${JSON.stringify(got.pieces.join(''))})`, keyIdea);
    }

    // And what cannot change the answer does not split a stream's entry either.
    const { base: equal, same } = equalRequests();
    await collect(llm.stream('acme', equal));
    const paidForEqual = server.calls.length;
    for (const [difference, streamed] of same) {
      await collect(llm.stream('acme', streamed));
      expectCalls(server, paidForEqual, `A question streamed, then streamed again with ${difference}`, `A stream's key is normalised like a whole answer's. ${EQUAL_IDEA}`);
    }
  });

  it('11.23 a stream that breaks off, one the caller stops reading, and one that ends badly are stored nowhere; sampled streams are not cached', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const llm = await cache();
    const request = ask('What happens to a book returned late?');
    server.when((_, n) => (n === 1 ? { breakAfter: 3 } : undefined));
    const read: string[] = [];
    const broken = await (async () => {
      for await (const chunk of llm.stream('acme', request)) read.push(...readingOf([chunk]).pieces);
    })().then(() => 'ended', () => 'failed');
    expect(broken, `The model's connection dropped after three pieces; the caller's stream ${broken} (having read ${JSON.stringify(read)}). Let the failure reach the caller.\n${partialIdea}`).toBe('failed');
    expect(read.length, `Before the connection dropped the caller read ${JSON.stringify(read)}; expected the three pieces sent.\n${streamIdea}`).toBe(3);
    expect(await answerKeys(), `A stream that broke off left an answer in Redis.\n${partialIdea}`).toEqual([]);
    for await (const chunk of llm.stream('acme', request)) if (readingOf([chunk]).pieces.length > 0) break;
    expect(await answerKeys(), `The caller stopped reading after the first piece, and an answer was stored anyway.\n${partialIdea}`).toEqual([]);
    const bad: [string, Reply][] = [
      ['a truncated stream (finish_reason "length")', { pieces: ['The fee', ' is'], finishReason: 'length' }],
      ['a refusal', { content: null, refusal: 'I cannot help with that.' }],
      ['a refusal with text as well', { pieces: ['Sorry', '.'], refusal: 'I cannot help with that.' }],
      ['a filtered stream (finish_reason "content_filter")', { pieces: ['The'], finishReason: 'content_filter' }],
      ['a stream without any text', { content: '' }],
      ['a stream of blanks only', { pieces: [' ', '\n ', '\t'] }],
      ['a stream with two choices (as n > 1 sends them)', { pieces: ['Two', ' pounds.'], choices: 2 }],
      ['a turn that asks for a tool (finish_reason "tool_calls")', { pieces: ['Let me', ' check.'], finishReason: 'tool_calls' }],
      ['an ending nobody lists (finish_reason "pause_turn", as a newer API may send)', { pieces: ['Let me', ' think.'], finishReason: 'pause_turn' as FinishReason }],
    ];
    for (const [i, [what, reply]] of bad.entries()) {
      const question = ask(`Late question ${i}`);
      server.when((r) => (r.messages.at(-1)?.content === `Late question ${i}` ? reply : undefined));
      await collect(llm.stream('acme', question));
      expect(await answerKeys(), `After ${what} Redis holds an answer.\n${partialIdea}`).toEqual([]);
    }
    expectCalls(server, 2 + bad.length, `A broken stream, an abandoned one and ${bad.length} that ended badly`, partialIdea);
    const whole = readingOf(await collect(llm.stream('acme', request)));
    expect(readingOf(await collect(llm.stream('acme', request))), `Once a stream for the question ended well, its replay should be that stream.\n${streamIdea}`).toEqual(whole);
    expectCalls(server, 3 + bad.length, 'Then the question streamed in full, and again', `The failures before it left nothing behind, so the full stream is stored and replayed.\n${streamIdea}`);
    const sampledIdea = `A sampled stream (temperature above 0, or omitted) asks for a fresh sample each time: it goes to the model and is stored nowhere, unless cacheSampled says otherwise (${LESSON}, "How long to keep an answer").`;
    const sampled = ask('Suggest a novel', { temperature: 0.7 });
    const omitted = { model: sampled.model, messages: [{ role: 'user' as const, content: 'Suggest a play' }] };
    await collect(llm.stream('acme', sampled));
    await collect(llm.stream('acme', sampled));
    expectCalls(server, 5 + bad.length, 'A temperature-0.7 stream asked twice', sampledIdea);
    await collect(llm.stream('acme', omitted));
    await collect(llm.stream('acme', omitted));
    expectCalls(server, 7 + bad.length, 'A stream without temperature asked twice', `The API reads an omitted temperature as 1: such a stream samples, like a whole request without it.\n${sampledIdea}`);
    const kept = await cache({ cacheSampled: true });
    await collect(kept.stream('acme', sampled));
    await collect(kept.stream('acme', sampled));
    expectCalls(server, 8 + bad.length, 'With cacheSampled, the temperature-0.7 stream asked twice', sampledIdea);
    const keyIdea = `With cacheSampled a sampled stream is cached like a whole answer, under a key that covers its temperature, an omitted one written as 1 (${LESSON}, "The key").`;
    await collect(kept.stream('acme', { ...sampled, temperature: 0.2 }));
    expectCalls(server, 9 + bad.length, 'With cacheSampled, then the same stream at temperature 0.2', keyIdea);
    await collect(kept.stream('acme', omitted));
    await collect(kept.stream('acme', { ...omitted, temperature: 1 }));
    expectCalls(server, 10 + bad.length, 'With cacheSampled, a stream without temperature, then the same with temperature 1', keyIdea);
  });
});
