/**
 * Mistake: single flight through a Map in the process, no lock in Redis
 * Replaces: load-once.ts
 * Caught by: 11.12
 *
 * Concurrent identical requests in one process share one promise (the completion cache
 * keeps a Map of flights), so a load test against one instance shows one call. Behind a
 * load balancer with eight instances, the same burst pays eight times: only Redis is
 * shared, so only a lock there makes one call for the fleet.
 */
import type { ChatCompletion, CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import type { Upstream } from '../src/load-once.js';

export type { Upstream };

export async function loadOnce(up: Upstream, key: string, request: CompletionRequest): Promise<ChatCompletion> {
  const completion = await up.ask(request);
  await up.store.write(key, completion);
  return completion;
}
