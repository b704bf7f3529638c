/**
 * Mistake: the stream is requested without usage, so a replayed stream saves nothing
 * Replaces: stream-cache.ts
 * Caught by: 11.25
 *
 * A whole completion always carries `usage`, so counting tokens saved works at once for
 * `complete()`. A stream carries no usage unless the request asks for it with
 * `stream_options: { include_usage: true }`; without it, every streamed hit adds zero
 * tokens and zero dollars, and the dashboard undercounts exactly the traffic that
 * chat interfaces send. Ask for the usage chunk and keep it with the answer.
 */
import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  CompletionRequest,
} from '../../../labs/11-caching-llm-responses/src/contract.js';
import { streamAnswer as withUsage, type StreamDeps } from '../src/stream-cache.js';

export type { StreamDeps };

export function streamAnswer(deps: StreamDeps, key: string | null, request: CompletionRequest): AsyncGenerator<ChatCompletionChunk> {
  const completions = deps.openai.chat.completions;
  const create = (body: OpenAI.Chat.ChatCompletionCreateParamsStreaming) =>
    completions.create({ ...body, stream_options: undefined });
  const openai = { chat: { completions: { create } } } as unknown as OpenAI;
  return withUsage({ ...deps, openai }, key, request);
}
