/**
 * Mistake: the messages are hashed as one transcript of "role: text" lines
 * Replaces: request-key.ts
 * Caught by: 11.3
 *
 * A transcript keeps every role, every text and their order, and reads well in a debugger,
 * so it passes every check that changes a role, a turn or its place. But a line inside a
 * turn and a turn boundary are written alike: one user turn "How many books?\nuser: And
 * DVDs?" and two user turns "How many books?" and "And DVDs?" hash the same, and one is
 * answered with the other's answer. Hash the messages as a list of values, each apart.
 */
import { createHmac } from 'node:crypto';
import { TENANT_ID, answerKey, type CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { canonicalJson, normalise } from '../src/request-key.js';

export { canonicalJson, normalise } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  if (!TENANT_ID.test(tenant)) throw new Error(`unsafe tenant id: "${tenant}"`);
  const { messages, ...rest } = normalise(request) as { messages: { role: string; content: string }[] };
  const transcript = messages.map((m) => `${m.role}: ${m.content}`).join('\n');
  const text = canonicalJson({ tenant, request: { ...rest, transcript }, ...(streamed ? { stream: true } : {}) });
  return answerKey(keyPrefix, tenant, createHmac('sha256', secret).update(text).digest('hex'));
}
