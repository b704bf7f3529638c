// The cache key of an LLM call as a keyed hash: HMAC-SHA-256 of the normalised request
// under a server-side secret. A plain SHA-256 can be reversed for any prompt an attacker
// can guess (hash the guess, compare with the keys seen in SCAN, MONITOR or a log); without
// the secret, nobody can compute the key of a guess.
// Run: npx tsx examples/llm-cache/keyed-request-key.ts   (no Redis needed)
import { createHash, createHmac } from 'node:crypto';
import { isMain } from '../lib/example-redis.js';
import { normaliseRequest, type CompletionRequest } from './request-key.js';

// #region keyed-digest
/** JSON with object keys sorted at every level, so property order never changes the key. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${fields.map((field) => `${JSON.stringify(field)}:${stableJson(record[field])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The secret comes from configuration and is the same on every instance (like a session
 * secret). Changing it orphans every entry, which then ages out by TTL.
 */
export function loadKeySecret(env: NodeJS.ProcessEnv = process.env): Buffer {
  const secret = Buffer.from(env['LLM_CACHE_KEY_SECRET'] ?? '', 'utf8');
  if (secret.length < 32) throw new Error('LLM_CACHE_KEY_SECRET must hold at least 32 bytes');
  return secret;
}

export function keyedCompletionKey(prefix: string, tenantId: string, request: CompletionRequest, secret: Buffer): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(tenantId)) throw new Error(`unsafe tenant id for a cache key: ${tenantId}`);
  const digest = createHmac('sha256', secret)
    .update(stableJson({ tenantId, request: normaliseRequest(request) }))
    .digest('hex');
  return `${prefix}llm:v2:${tenantId}:${digest}`; // v2: a new key scheme, so old keys are never read
}
// #endregion keyed-digest

if (isMain(import.meta.url)) {
  const ask = (content: string): CompletionRequest => ({ model: 'demo-model', messages: [{ role: 'user', content }] });
  const plainDigest = (content: string) =>
    createHash('sha256').update(stableJson({ tenantId: 'acme', request: normaliseRequest(ask(content)) })).digest('hex');
  const secret = Buffer.from('an example secret of thirty-two bytes or more, from config', 'utf8');

  // A user asks something private; its key then shows up in a slow log or a SCAN.
  const asked = 'Is my visa application still pending?';
  const leakedPlain = plainDigest(asked);
  const leakedKeyed = keyedCompletionKey('demo:', 'acme', ask(asked), secret).split(':').at(-1);

  // The attacker knows the normalisation (it is in the code) and tries likely questions.
  const guesses = ['Is my loan approved?', 'Is my visa application still pending?', 'Am I being audited?'];
  console.log('unkeyed SHA-256, guess that matches:', guesses.find((g) => plainDigest(g) === leakedPlain) ?? 'none');
  console.log('HMAC with a secret, guess that matches:', guesses.find((g) => plainDigest(g) === leakedKeyed) ?? 'none');
}
