// The course's own checks on the run's monitor hub: each file's server log, read through
// it, keeps what it kept with a MONITOR of its own, and is spared the other files' traffic.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { LabRedis } from '../lab/lab-redis.js';
import { clientAddress, commandsOf, monitorServerOf, openHubMonitor, type ServerCommand } from '../lab/monitor.js';
import { MonitorHub } from './monitor-hub.js';

let hub: MonitorHub;
let files: LabRedis[];
/** The hub's MONITOR connections open on the server (other runs may have their own). */
const hubMonitors = async (admin: LabRedis['admin']) => String(await admin.call('CLIENT', 'LIST')).split('\n').filter((line) => line.includes(` name=${hub.name} `)).length;

beforeAll(async () => {
  hub = await MonitorHub.start();
  const open = () => LabRedis.open(inject('services').redisUrl, `course:selftest:${randomBytes(4).toString('hex')}:`, { monitorHub: hub.url });
  files = [await open(), await open()];
});
afterAll(async () => {
  await Promise.all(files.map((file) => file.close()));
  await hub.stop();
});

it('a file is passed its code\'s, its admin\'s and its prefix\'s commands and every script call; not another file\'s', async () => {
  const [mine, theirs] = files as [LabRedis, LabRedis];
  // What the hub passes on for `mine`, read as its server log reads it.
  const passed: ServerCommand[] = [];
  const subscription = { server: monitorServerOf(mine.admin), adminAddress: await clientAddress(mine.admin), codeName: mine.codeName, prefix: mine.prefix };
  const { socket } = await openHubMonitor(hub.url, subscription, commandsOf((command) => passed.push(command)));
  const code = mine.client();
  const other = theirs.client();
  await code.set(mine.key('a'), '1', 'EX', 60);
  await code.ping('from my code');
  await other.set(theirs.key('b'), '2', 'EX', 60);
  await other.ping('from their code');
  await mine.admin.get(mine.key('a'));
  await other.eval("return redis.call('SET', KEYS[1], '3', 'EX', 60)", 1, theirs.key('c'));
  await code.eval("return redis.call('PING')", 0);
  const marker = `hub-selftest-${randomBytes(4).toString('hex')}`;
  await mine.admin.echo(marker);
  await expect.poll(() => passed.some((command) => command.args[0] === marker)).toBe(true);
  socket.destroy();
  const shown = passed.map((command) => `${command.source === 'lua' ? 'lua ' : ''}${command.name} ${command.args[0] ?? ''}`);
  expect(shown).toContain(`SET ${mine.key('a')}`);
  expect(shown).toContain('PING from my code');
  expect(shown).toContain(`GET ${mine.key('a')}`);
  expect(shown.filter((line) => line.startsWith('EVAL'))).toHaveLength(2);
  expect(shown).toContain('lua PING ');
  expect(shown.filter((line) => line.includes(theirs.prefix) && !line.startsWith('EVAL')), 'the other file\'s commands and its script\'s SET').toEqual([]);
  expect(shown).not.toContain('PING from their code');

  // And the file's server log, read through the hub, judges as it did with a MONITOR of its own.
  const from = await mine.log.sync();
  await code.eval("return redis.call('PING')", 0);
  const scripted = mine.log.since(from, await mine.log.sync()).filter((command) => command.source === 'lua');
  expect(scripted.map((command) => command.name)).toEqual(['PING']);
  expect(mine.log.isCode(scripted[0]!)).toBe(true);
});

it('the server is monitored once for all files, and not at all once none reads it', async () => {
  const third = await LabRedis.open(inject('services').redisUrl, `course:selftest:${randomBytes(4).toString('hex')}:`, { monitorHub: hub.url });
  const admin = third.admin;
  expect(await hubMonitors(admin)).toBe(1);
  await Promise.all(files.map((file) => file.close()));
  files = [];
  expect(await hubMonitors(admin)).toBe(1); // the third file still reads it
  await third.log.sync(); // and still hears its own marker
  const watcher = third.admin.duplicate();
  await third.close();
  await expect.poll(() => hubMonitors(watcher), { timeout: 2_000 }).toBe(0);
  watcher.disconnect();
});
