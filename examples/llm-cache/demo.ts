// Run: npx tsx examples/llm-cache/demo.ts
import { isMain, runExample } from '../lib/example-redis.js';
import { createCompletionCache } from './cached-completion.js';
import { createFakeLlm } from './fake-llm.js';
import { completionKey, loadKeySecret } from './request-key.js';

// A deployment sets LLM_CACHE_KEY_SECRET in its configuration; the demo brings its own.
const DEMO_SECRET = 'a demo secret, thirty-two bytes or longer';

if (isMain(import.meta.url)) {
  await runExample('llm-cache', async (redis, prefix) => {
    const llm = createFakeLlm({ latencyMs: 150 });
    const configured = process.env['LLM_CACHE_KEY_SECRET'] ?? DEMO_SECRET;
    const secret = loadKeySecret({ LLM_CACHE_KEY_SECRET: configured });
    const cache = createCompletionCache({ redis, llm, prefix, ttlSeconds: 3600, secret });
    const ask = (content: string) => ({
      model: 'demo-model',
      messages: [{ role: 'user' as const, content }],
    });

    const timed = async (label: string, tenant: string, content: string) => {
      const start = performance.now();
      try {
        const { cached, completion } = await cache.complete(tenant, ask(content));
        const ms = (performance.now() - start).toFixed(0);
        const finish = completion.finishReason;
        console.log(`${label.padEnd(34)} cached=${cached} finish=${finish} ${ms} ms`);
      } catch (err) {
        console.log(`${label.padEnd(34)} error: ${(err as Error).message}`);
      }
    };

    await timed('first ask', 'acme', 'Summarise our refund policy');
    const sameAskNoisier = '  Summarise our refund policy\r\n';
    await timed('same ask, extra spaces and CRLF', 'acme', sameAskNoisier);
    await timed('same ask, other tenant', 'globex', 'Summarise our refund policy');
    await timed('truncated answer (not cached)', 'acme', 'LONG essay please');
    await timed('truncated again: pays again', 'acme', 'LONG essay please');
    await timed('API error (not cached)', 'acme', 'OVERLOAD me');
    await timed('refusal (not cached)', 'acme', 'REFUSE this');
    await Promise.all(
      Array.from({ length: 5 }, () =>
        timed('5 identical concurrent asks', 'acme', 'Name three colours'),
      ),
    );
    console.log('paid API calls:', llm.calls);

    const key = completionKey(prefix, 'acme', ask('Summarise our refund policy'), secret);
    console.log('key:', key.slice(prefix.length), 'TTL:', await redis.ttl(key));
  });
}
