// The cache key of an LLM call: an HMAC-SHA-256 of the normalised request under a server
// secret, in a tenant's namespace. The prompt never appears in the key, and without the
// secret nobody can work out which prompt a key stands for.
import { createHmac } from 'node:crypto';

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
// The API documents a default temperature of 1, so "omitted" and "temperature: 1" share a
// key. The token limit has no such default (without one the model's own limit applies):
// the key holds what the request sends and leaves the field out when it is absent.
const API_DEFAULT_TEMPERATURE = 1;

/**
 * Only changes that cannot change the model's answer: Unicode form, line endings, outer
 * whitespace.
 */
const cleanText = (text: string): string =>
  text.normalize('NFC').replace(/\r\n?/g, '\n').trim();

export function normaliseRequest(request: CompletionRequest) {
  return {
    model: request.model, // as given: the cache cannot know which names mean one model
    system: cleanText(request.system ?? ''),
    messages: request.messages.map((m) => ({
      role: m.role,
      content: cleanText(m.content),
    })),
    temperature: request.temperature ?? API_DEFAULT_TEMPERATURE,
    ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
    stop: [...(request.stop ?? [])].sort(), // the order of stop sequences does not matter
  };
}
// #endregion normalise

// #region keyed-digest
/** JSON with object keys sorted at every level, so property order never changes it. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const fields = entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The secret comes from configuration and is the same on every instance (like a session
 * secret). Changing it orphans every entry, which then ages out by TTL.
 */
export function loadKeySecret(env: NodeJS.ProcessEnv = process.env): Buffer {
  const secret = Buffer.from(env['LLM_CACHE_KEY_SECRET'] ?? '', 'utf8');
  if (secret.length < 32) throw new Error('LLM_CACHE_KEY_SECRET needs 32 bytes or more');
  return secret;
}

// Bump when the normalisation, the key scheme or the stored shape changes.
const KEY_VERSION = 'v1';

export function completionKey(
  prefix: string,
  tenantId: string,
  request: CompletionRequest,
  secret: Buffer,
): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(tenantId)) {
    throw new Error(`unsafe tenant id for a cache key: ${tenantId}`);
  }
  const digest = createHmac('sha256', secret)
    .update(canonicalJson({ tenantId, request: normaliseRequest(request) }))
    .digest('hex');
  // 64 hex characters, whatever the prompt's length; the tenant stays readable for SCAN.
  return `${prefix}llm:${KEY_VERSION}:${tenantId}:${digest}`;
}
// #endregion keyed-digest
