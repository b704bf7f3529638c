// Why the key is keyed: a plain SHA-256 can be reversed for any prompt an attacker can
// guess (hash the guess, compare with the keys seen in SCAN, MONITOR or a log); without
// the server's secret, nobody can compute the key of a guess.
// Run: npx tsx examples/llm-cache/keyed-request-key.ts   (no Redis needed)
import { createHash } from 'node:crypto';
import { isMain } from '../lib/example-redis.js';
import {
  canonicalJson,
  completionKey,
  normaliseRequest,
  type CompletionRequest,
} from './request-key.js';

if (isMain(import.meta.url)) {
  const ask = (content: string): CompletionRequest => ({
    model: 'demo-model',
    messages: [{ role: 'user', content }],
  });
  const plainDigest = (content: string) => {
    const normalised = { tenantId: 'acme', request: normaliseRequest(ask(content)) };
    return createHash('sha256').update(canonicalJson(normalised)).digest('hex');
  };
  const secret = Buffer.from('an example secret of 32 bytes or more, from config');

  // A user asks something private; its key then shows up in a slow log or a SCAN.
  const asked = 'Is my visa application still pending?';
  const leakedPlain = plainDigest(asked);
  const leakedKey = completionKey('demo:', 'acme', ask(asked), secret);
  const leakedKeyed = leakedKey.split(':').at(-1);

  // The attacker knows the normalisation (it is in the code) and tries likely questions.
  const guesses = ['Is my loan approved?', asked, 'Am I being audited?'];
  const match = (leaked?: string) => guesses.find((g) => plainDigest(g) === leaked);
  console.log('unkeyed SHA-256, guess that matches:', match(leakedPlain) ?? 'none');
  console.log('HMAC with a secret, guess that matches:', match(leakedKeyed) ?? 'none');
}
