// The cache key of an LLM call: a SHA-256 of the normalised request, under a tenant's
// namespace. The prompt itself never appears in the key.
import { createHash } from 'node:crypto';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model: string;
  system?: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  stop?: string[];
}

// #region normalise
// Defaults are written out, so "temperature omitted" and "temperature: 1" share a key.
const DEFAULTS = { temperature: 1, maxTokens: 1024 } as const;

/** Only changes that cannot change the model's answer: Unicode form, line endings, outer whitespace. */
const cleanText = (text: string): string => text.normalize('NFC').replace(/\r\n?/g, '\n').trim();

export function normaliseRequest(request: CompletionRequest) {
  return {
    model: request.model.trim().toLowerCase(),
    system: cleanText(request.system ?? ''),
    messages: request.messages.map((m) => ({ role: m.role, content: cleanText(m.content) })),
    temperature: request.temperature ?? DEFAULTS.temperature,
    maxTokens: request.maxTokens ?? DEFAULTS.maxTokens,
    stop: [...(request.stop ?? [])].sort(), // the order of stop sequences does not matter
  };
}
// #endregion normalise

// #region request-key
/** JSON with object keys sorted, so property order never changes the hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// Bump when the normalisation or the stored shape changes: old entries stop matching.
const KEY_VERSION = 'v1';

export function completionKey(prefix: string, tenantId: string, request: CompletionRequest): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(tenantId)) throw new Error(`unsafe tenant id for a cache key: ${tenantId}`);
  const digest = createHash('sha256')
    .update(canonicalJson({ tenantId, request: normaliseRequest(request) }))
    .digest('hex');
  // 64 hex characters, whatever the prompt's length; the tenant stays readable for SCAN.
  return `${prefix}llm:${KEY_VERSION}:${tenantId}:${digest}`;
}
// #endregion request-key
