// A stand-in for a model API, for the LLM cache section: it speaks OpenAI's chat-completions
// API on a port of 127.0.0.1, so the code calls it through the official client as at work,
// and answers every call after a fixed delay, the model's time to think. It counts the calls
// it answered (each one paid for) and the tokens it billed. The lab's own model server is
// built for its suite (it stops with the test that started it), so the bench has this one.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import type { ChatCompletion, CompletionRequest } from '../labs/11-caching-llm-responses/src/contract.js';

export interface BenchModelServer {
  /** A client as an app would build it, without retries: every call is counted once. */
  openai: OpenAI;
  /** Calls answered since the last `reset()`. */
  readonly paidCalls: number;
  readonly tokensBilled: number;
  reset(): void;
  close(): Promise<void>;
}

/** About four characters per token, as the usual rule of thumb for English text. */
const tokens = (text: string) => Math.ceil(text.length / 4);

export async function startBenchModelServer(latencyMs: number): Promise<BenchModelServer> {
  let paidCalls = 0;
  let tokensBilled = 0;

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CompletionRequest;
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const question = request.messages.at(-1)?.content ?? '';
    const content = `Here is what the handbook says about "${question}": see its chapter on the subject.`;
    const prompt = tokens(request.messages.map((m) => m.content).join('\n'));
    const completion: ChatCompletion = {
      id: `chatcmpl-bench-${++paidCalls}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: prompt, completion_tokens: tokens(content), total_tokens: prompt + tokens(content) },
    };
    tokensBilled += completion.usage!.total_tokens;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion));
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    openai: new OpenAI({ apiKey: 'sk-bench', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0, timeout: 30_000 }),
    get paidCalls() {
      return paidCalls;
    },
    get tokensBilled() {
      return tokensBilled;
    },
    reset() {
      paidCalls = 0;
      tokensBilled = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
