// A model server for lab 11's suites: it speaks OpenAI's chat-completions API on a port of
// 127.0.0.1, so the code under test calls it through the official client, as at work.
// It answers every call differently (call number in the text), so a cached answer shows
// itself, and it can fail, refuse, truncate or hold a call on demand. A request with
// `stream: true` is answered as the API streams: server-sent events, one chunk per piece
// of text, a chunk with the finish reason, a usage chunk when `stream_options` asks for
// it, then `data: [DONE]`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import OpenAI from 'openai';
import { onTestFinished } from 'vitest';
import { serve } from '../../harness/lab/http.js';
import type { ChatCompletion, ChatCompletionChunk, CompletionRequest } from './src/contract.js';

type FinishReason = ChatCompletion['choices'][number]['finish_reason'];
type Usage = NonNullable<ChatCompletion['usage']>;

/** What the server does with one call; omitted fields take the normal answer's. */
export type Reply =
  | { error: number; message?: string }
  | {
      content?: string | null;
      finishReason?: FinishReason;
      refusal?: string;
      choices?: 2;
      /** The model the answer names, as the API answers an alias (gpt-4o-mini) with its dated snapshot. */
      model?: string;
      /** Streamed: the text in exactly these pieces (content is their concatenation). */
      pieces?: string[];
      /** Streamed: the connection drops after this many pieces, as a network failure would. */
      breakAfter?: number;
    };

/** A call the model server received with `stream: true`, as the official client sends it. */
export type StreamedRequest = CompletionRequest & { stream?: boolean; stream_options?: { include_usage?: boolean } };

export interface ModelServer {
  /** A client for this server, as an app would build it (no retries: the suite counts calls). */
  openai: OpenAI;
  /** Every request body received, in order: one per paid call. */
  calls: StreamedRequest[];
  /** The usage of every answer sent, in order (an error sends none). */
  usages: Usage[];
  /** From now on, calls for which `rule` returns a reply get that reply (`n`: 1 for the first call). */
  when(rule: (request: CompletionRequest, n: number) => Reply | undefined): void;
  /** Holds the response to the next call until `release()`; later calls go through. */
  hold(): { reached: Promise<void>; release(): void };
  /** The next streamed call sends its first piece, then waits for `release()` to send the rest. */
  pauseStream(): { reached: Promise<void>; release(): void };
}

/** A gate the suite opens: `reached` when the server is waiting at it. */
function gateOf() {
  let release!: () => void;
  let arrive!: () => void;
  const open = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (arrive = resolve));
  onTestFinished(() => release());
  return { open, reached, arrive, release };
}

/** The default pieces of a streamed text: words with the blanks before them, as tokens come. */
const wordsOf = (text: string) => text.match(/\s*\S+/g) ?? [];

const lastUserText = (request: CompletionRequest) =>
  request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
const tokens = (text: string) => Math.ceil(text.length / 4);

/** Starts a model server for the current test; it stops when the test ends. */
export async function startModelServer(): Promise<ModelServer> {
  const calls: StreamedRequest[] = [];
  const usages: Usage[] = [];
  let streamGate: ReturnType<typeof gateOf> | undefined;
  const rules: ((request: CompletionRequest, n: number) => Reply | undefined)[] = [];
  let gate: Promise<void> | undefined;
  let onHeld: (() => void) | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      return send(404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
    }
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as StreamedRequest;
    calls.push(request);
    const n = calls.length;
    const held = gate;
    gate = undefined;
    if (held) {
      onHeld?.();
      await held;
    }
    const reply = rules.map((rule) => rule(request, n)).find(Boolean) ?? {};
    if ('error' in reply) {
      const type = reply.error === 429 ? 'rate_limit_exceeded' : 'server_error';
      return send(reply.error, { error: { message: reply.message ?? `upstream ${reply.error}`, type, code: type } });
    }
    const content = reply.pieces ? reply.pieces.join('') : reply.content === undefined ? `Answer ${n} from ${request.model}: ${lastUserText(request).slice(0, 60)}` : reply.content;
    const completion: ChatCompletion = {
      id: `chatcmpl-${n}`,
      object: 'chat.completion',
      created: 1_700_000_000 + n,
      model: reply.model ?? request.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: reply.refusal ?? null },
          finish_reason: reply.finishReason ?? 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: tokens(request.messages.map((m) => m.content).join('\n')),
        completion_tokens: tokens(content ?? reply.refusal ?? ''),
        total_tokens: 0,
      },
    };
    const usage = completion.usage!;
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    if (reply.choices === 2) completion.choices.push({ ...completion.choices[0]!, index: 1 });
    usages.push(usage);
    if (!request.stream) return send(200, completion);
    const paused = streamGate;
    streamGate = undefined;
    await streamOut(res, completion, {
      pieces: reply.pieces ?? wordsOf(content ?? ''),
      breakAfter: reply.breakAfter,
      withUsage: request.stream_options?.include_usage === true,
      paused,
    });
  }

  const app = await serve((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  const openai = new OpenAI({ apiKey: 'sk-lab-11', baseURL: `${app.url}/v1`, maxRetries: 0, timeout: 10_000 });
  return {
    openai,
    calls,
    usages,
    when: (rule) => void rules.unshift(rule),
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      const reached = new Promise<void>((resolve) => (onHeld = resolve));
      onTestFinished(release);
      return { reached, release };
    },
    pauseStream() {
      streamGate = gateOf();
      return { reached: streamGate.reached, release: streamGate.release };
    },
  };
}

interface StreamPlan {
  pieces: string[];
  breakAfter: number | undefined;
  withUsage: boolean;
  paused: ReturnType<typeof gateOf> | undefined;
}

/** Sends `completion` as the API streams it: role, pieces, finish reason, usage, [DONE]. */
async function streamOut(res: ServerResponse, completion: ChatCompletion, plan: StreamPlan): Promise<void> {
  const { id, created, model } = completion;
  const chunk = (choices: ChatCompletionChunk['choices'], usage?: Usage): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices,
    ...(plan.withUsage ? { usage: usage ?? null } : {}),
  });
  // Resolves once the event has left for the client, so a drop after it cannot take it along.
  const event = (body: unknown) =>
    new Promise<void>((resolve) => res.write(`data: ${JSON.stringify(body)}\n\n`, () => resolve()));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const { index, message } of completion.choices) {
    await event(chunk([{ index, delta: { role: 'assistant', content: '', refusal: null }, finish_reason: null, logprobs: null }]));
    if (message.refusal) await event(chunk([{ index, delta: { refusal: message.refusal }, finish_reason: null, logprobs: null }]));
  }
  for (const [i, piece] of plan.pieces.entries()) {
    if (i === plan.breakAfter) return void res.destroy(); // the client sees the body end mid-answer
    await event(chunk(completion.choices.map(({ index }) => ({ index, delta: { content: piece }, finish_reason: null, logprobs: null }))));
    if (i === 0 && plan.paused) {
      plan.paused.arrive();
      await plan.paused.open;
    }
  }
  await event(chunk(completion.choices.map(({ index, finish_reason }) => ({ index, delta: {}, finish_reason, logprobs: null }))));
  if (plan.withUsage) await event(chunk([], completion.usage));
  res.end('data: [DONE]\n\n');
}
