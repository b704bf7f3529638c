// The course's own check on lab.redis.refusingClient(): a refused command is refused
// outside a transaction and inside one, where EXEC must abort rather than wait for ever.
import { expect, it } from 'vitest';
import { useLab } from './use-lab.js';

const lab = useLab('selftest');

it('a refused command fails alone outside MULTI, and aborts the whole transaction inside it', async () => {
  const client = lab.redis.refusingClient(['set'], new Error('OOM command not allowed when used memory > maxmemory'));
  const key = lab.redis.key('refused');
  expect(await client.set(key, '1', 'EX', 5).catch((error: Error) => error.message)).toMatch(/^OOM/);
  const transaction = await client.multi().get(key).set(key, '1', 'EX', 5).exec().then(() => 'committed', (error: Error) => error.message);
  expect(transaction).toMatch(/^EXECABORT/);
  expect(await client.get(key), 'nothing of the aborted transaction ran').toBeNull();
});
