// The course's own checks on the servers kept between runs (kept-servers.ts): the next run
// takes over what the last one started, gets back, reset, what a run that died still held,
// and everything stops, the broker with it, once no run has come for the idle time.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { BrokerClient } from './broker-client.js';
import { readState } from './kept-process.js';
import { attachKeptBroker } from './kept-servers.js';
import { pollUntil } from './poll.js';
import { isAlive } from './redis-process.js';
import type { Address, TopologyNeed } from './topology.js';

const folder = mkdtempSync(join(tmpdir(), 'course-kept-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function ask(server: Address, password: string | undefined, ...command: [string, ...(string | number)[]]): Promise<unknown> {
  const client = new Redis({ ...server, ...(password ? { password } : {}), maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    return await client.call(...command);
  } finally {
    client.disconnect();
  }
}

describe('servers kept between runs', () => {
  it('the next run takes them over, gets back what a dead run held, reset, and all stop once no run comes', { timeout: 30_000 }, async () => {
    const state = join(folder, 'state.json');
    const env = { ...process.env, COURSE_KEEP_SERVERS_IDLE_MS: '1500' };
    const needs: TopologyNeed[] = [{ kind: 'auth-redis', exclusive: false }];
    const attach = (run: string, announced: string[]) =>
      attachKeptBroker({ env, sharedRedisUrl: 'redis://127.0.0.1:6379', run, needs, announce: (line) => announced.push(line), state });

    const firstLines: string[] = [];
    const first = await attach('aaaa0001', firstLines);
    const firstClient = new BrokerClient(first.url, 'aaaa0001');
    const shared = await firstClient.acquire('auth-redis');
    const password = shared.topology.users[0]!.password;
    await ask(shared.topology.server, password, 'SET', 'course:kept-test:left', 'by a run that died');
    const own = await firstClient.acquire('small-redis');
    await ask(own.topology.server, undefined, 'SET', 'course:kept-test:own', 'x');
    expect(firstLines, 'the first run is told what was started for it').toEqual([
      expect.stringMatching(/requiring a password.*\(\d+ ms\)$/),
      expect.stringMatching(/small redis-server.*\(\d+ ms\)$/),
    ]);
    const { pid } = readState(state)!;
    const { pids } = await firstClient.status();

    // The run dies without giving anything back: its connection to the broker closes, as a kill closes it.
    await first.stop();
    await pollUntil('the broker to see the run gone', async () => (await firstClient.status()).runs === 0 || { not: 'still attached' });

    const secondLines: string[] = [];
    const second = await attach('bbbb0002', secondLines);
    expect(second.url, 'the same broker serves the next run').toBe(first.url);
    await pollUntil('the line saying what is kept', async () => secondLines.length > 0 || { not: 'none yet' }, { timeoutMs: 2_000 });
    expect(secondLines).toEqual([expect.stringMatching(/requiring a password.*, kept from an earlier run$/)]);
    const secondClient = new BrokerClient(second.url, 'bbbb0002');
    const sharedAgain = await secondClient.acquire('auth-redis');
    expect(sharedAgain.topology.server, 'the shared server is the one started before').toEqual(shared.topology.server);
    expect(await ask(sharedAgain.topology.server, password, 'EXISTS', 'course:kept-test:left'), 'flushed once no run was left').toBe(0);
    const ownAgain = await secondClient.acquire('small-redis');
    expect(ownAgain.topology.server, 'the dead run\'s own server came back to the pool').toEqual(own.topology.server);
    expect(await ask(ownAgain.topology.server, undefined, 'DBSIZE'), 'reset before it was handed out again').toBe(0);
    expect((await secondClient.status()).started).toMatchObject({ 'auth-redis': 1, 'small-redis': 1 });

    await second.stop();
    await pollUntil(
      'the broker and its servers to stop once idle',
      async () => {
        const alive = [pid, ...pids].filter(isAlive);
        if (alive.length > 0) return { not: `pids ${alive.join(', ')} still running` };
        return existsSync(state) ? { not: `${state} still exists` } : true;
      },
      { timeoutMs: 10_000 },
    );
  });
});
