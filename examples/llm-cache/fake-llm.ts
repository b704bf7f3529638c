// A stand-in for a completion API: no network, no SDK, deterministic, and able to
// fail in the ways real ones do. Words in the prompt choose the behaviour.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CompletionRequest } from './request-key.js';

export type FinishReason = 'stop' | 'length' | 'refusal' | 'content_filter';

export interface Completion {
  model: string;
  text: string;
  finishReason: FinishReason;
  usage: { inputTokens: number; outputTokens: number };
}

export class CompletionApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'CompletionApiError';
  }
}

export interface FakeLlm {
  complete(request: CompletionRequest): Promise<Completion>;
  /** How many times the "API" was really called: what you pay for. */
  readonly calls: number;
}

export function createFakeLlm(options: { latencyMs?: number } = {}): FakeLlm {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async complete(request) {
      calls++;
      await sleep(options.latencyMs ?? 150);
      const prompt = request.messages.at(-1)?.content ?? '';
      const usage = { inputTokens: Math.ceil(prompt.length / 4), outputTokens: 12 };
      if (prompt.includes('OVERLOAD')) {
        throw new CompletionApiError(529, 'model overloaded, try again');
      }
      if (prompt.includes('LONG')) {
        const text = 'The answer begins with';
        return { model: request.model, text, finishReason: 'length', usage };
      }
      if (prompt.includes('REFUSE')) {
        return { model: request.model, text: '', finishReason: 'refusal', usage };
      }
      const text = `Summary of: ${prompt.slice(0, 40)}`;
      return { model: request.model, text, finishReason: 'stop', usage };
    },
  };
}
