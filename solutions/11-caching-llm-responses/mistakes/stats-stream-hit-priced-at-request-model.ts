/**
 * Mistake: a replayed stream's savings are priced at the model the request named
 * Replaces: stream-cache.ts
 * Caught by: 11.25
 *
 * Whole answers are priced at the model they name, as the lesson says; the stream path
 * prices a replay at `request.model`, which is right there and "the same model". But apps
 * stream by alias ("gpt-4o-mini"), the chunks name the snapshot that answered
 * ("gpt-4o-mini-2024-07-18"), and only the snapshot has a price: every replayed stream
 * asked by its alias saves tokens and no dollars. Price what the stored answer says.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { streamAnswer as exact, type StreamDeps } from '../src/stream-cache.js';

export type { StreamDeps };

export function streamAnswer(deps: StreamDeps, key: string | null, request: CompletionRequest) {
  const stats = { ...deps.stats, answered: (completion: Parameters<StreamDeps['stats']['answered']>[0], paid: boolean) => deps.stats.answered({ ...completion, model: request.model }, paid) };
  return exact({ ...deps, stats }, key, request);
}
