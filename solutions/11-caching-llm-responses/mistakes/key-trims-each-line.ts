/**
 * Mistake: blanks are trimmed from every line of a message, not from its text
 * Replaces: request-key.ts
 * Caught by: 11.3
 *
 * Trimming the text already merges "Hi " and "Hi", so trimming each line looks like the
 * same rule applied more thoroughly, and pasted prompts do carry stray indentation. But
 * indentation inside a text is part of what the model reads: a nested list, a code block,
 * a YAML snippet or a poem says something else once its lines are flattened. Two prompts
 * that differ only there share one entry, and one of them gets the other's answer. Only
 * the blanks around the whole text cannot change the answer.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as exact } from '../src/request-key.js';

const trimLines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).join('\n');

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  const messages = request.messages.map((m) => ({ ...m, content: trimLines(m.content) }));
  return exact(keyPrefix, tenant, { ...request, messages }, secret, streamed);
}
