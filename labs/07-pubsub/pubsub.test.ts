// Lab 07 checks, part 2: invalidation across instances. Run: npm test labs/07-pubsub
// Two instances of the app run side by side, each loaded as its own process would load it
// (separateProcesses: no module state shared) and each with its own two Redis connections.
import type { Command } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { expectEventWithin } from '../../harness/lab/expect-event.js';
import { holdCommands, holdReply } from '../../harness/lab/hold.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { serverCommandsDuring, type ServerCommand } from '../../harness/lab/server-commands.js';
import { expectSettlesWithin, outcome } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { appInstances, BOUND_MS, handled, LESSON, sentDuring, SUBSCRIBES, subscriptions, type Instance } from './instances.support.js';
import { invalidationChannel, PROFILE_TTL_SECONDS, profileKey, type Profile, type ProfileCache } from './src/contract.js';

const lab = useLab('07');
const { instance, instances, oneProcess, load } = appInstances(lab);
const key = (userId: number) => profileKey(lab.redis.prefix, userId);

const invalidatedFor = (cache: ProfileCache, k: string, who: string, idea: string) =>
  expectEventWithin<[string[]]>(cache, 'invalidated', { what: `'invalidated' event naming ${k} on ${who}`, idea, boundMs: BOUND_MS, accept: (keys) => Array.isArray(keys) && keys.includes(k) });

/** Every message on `channel` from now on, read by the suite's own subscriber; `caughtUp()` waits for those already published. */
async function listen(channel: string): Promise<{ heard: string[]; caughtUp: () => Promise<unknown> }> {
  const listener = lab.redis.admin.duplicate(); // the suite's own connection, not the code's
  listener.on('error', () => {});
  onTestFinished(() => listener.disconnect());
  const heard: string[] = [];
  listener.on('message', (from: string, text: string) => from === channel && heard.push(text));
  await listener.subscribe(channel);
  return { heard, caughtUp: () => listener.ping() };
}

/**
 * What the subscribers' message listeners throw from now on. ioredis calls them while it
 * reads the socket, so a throw there is an uncaught exception that ends the process; here
 * it is caught and kept, so the check can name it.
 */
function listenerErrors(instances: Instance[]): unknown[] {
  const thrown: unknown[] = [];
  for (const { subscriber } of instances) {
    const emit = subscriber.emit.bind(subscriber);
    subscriber.emit = (event: string | symbol, ...args: unknown[]) => {
      try {
        return emit(event, ...args);
      } catch (error) {
        thrown.push(error);
        return true;
      }
    };
  }
  return thrown;
}

/**
 * Whether a command of the code's carries its PUBLISH on `channel`: the PUBLISH itself (or
 * a script handed the channel), or the EXEC of a MULTI that queued it, whose reply is the
 * PUBLISH's answer. Sees the commands in the order the client sends them.
 */
function publishOn(channel: string): (command: Command) => boolean {
  let inMulti = false;
  let queued = false;
  return (command) => {
    const name = command.name.toLowerCase();
    if (name === 'exec' || name === 'discard') {
      const carried = queued && name === 'exec';
      inMulti = queued = false;
      return carried;
    }
    if (name === 'multi') inMulti = true;
    if (!command.args.some((arg) => String(arg) === channel)) return false;
    queued = inMulti;
    return !inMulti;
  };
}

const idea = `A write must reach every instance's L1: PUBLISH the changed keys on invalidationChannel(keyPrefix), and have every instance SUBSCRIBE on its subscriber connection and drop those keys from L1 (${LESSON}, "Telling the other instances").`;

describe('invalidation across instances', () => {
  it('07.6 a change made on instance A reaches every other cache within a bound: B in another process, A2 in the same one; each drops its copy and reads the new name', async () => {
    const [a, a2] = await oneProcess(); // two caches of one app, the same keyPrefix
    const b = await instance(); // another process
    for (const inst of [a, a2, b]) await inst.cache.getProfile(6); // every L1 now holds "User 6"
    const heard = invalidatedFor(b.cache, key(6), 'instance B (a separate process)', `${idea}\nAn EventEmitter, or any other state in module memory, never leaves the process.`);
    await a.cache.updateProfile(6, { displayName: 'Renamed on A' });
    const left = await lab.redis.admin.get(key(6));
    expect(left === null || left.includes('Renamed on A'), `When updateProfile(6) resolved, Redis still held the old profile, ${left}: the DEL belongs to the write, done (awaited) before it resolves (${LESSON}, "Telling the other instances").`).toBe(true);
    expect((await a.cache.getProfile(6))?.displayName, `Instance A should read its own change at once (${LESSON}, "Telling the other instances").`).toBe('Renamed on A');
    await heard;
    const onB = await b.cache.getProfile(6);
    expect(onB?.displayName, `After its 'invalidated' event, B read "${onB?.displayName}" instead of "Renamed on A".\n${idea}`).toBe('Renamed on A');
    await handled([a.redis], [a2]); // A's message has reached A2 by now
    const onA2 = await a2.cache.getProfile(6);
    expect(
      onA2?.displayName,
      `A2, a second cache in A's process (the same loaded module, the same keyPrefix), read "${onA2?.displayName}" after A's write had been announced: it ignored A's message. Only the writer drops its own copy itself; every other cache, in whichever process, learns of the write from the message. If you skip your own messages at all, recognise them per cache, never by an id that the whole process (module scope) shares; handling your own message too costs one more delete (${LESSON}, "Telling the other instances").`,
    ).toBe('Renamed on A');
  });

  it('07.7 every invalidation message names the changed key and carries no value, whichever fields changed', async () => {
    const [a, b] = await instances(2);
    const { heard, caughtUp } = await listen(invalidationChannel(lab.redis.prefix));
    const first = await a.cache.getProfile(7);
    await b.cache.getProfile(7);
    const keysIdea = `Send the names of the keys that changed, never values: receivers drop their copy and read the current value on demand, so a late or reordered message cannot install an old value, and nothing private travels to every subscriber (${LESSON}, "Keys, not values").`;
    const writes = [{ displayName: 'Quillon Ashgrove' }, { bio: 'Collects antique kettles' }, { displayName: 'Marisol Vantreece', bio: 'Restores sailing dinghies' }];
    const values = new Set([first?.displayName, first?.updatedAt]); // updatedAt is a profile value too, not a version stamp for the message
    for (const changes of writes) {
      const message = invalidatedFor(b.cache, key(7), 'instance B', idea);
      const before = heard.length;
      const profile = await a.cache.updateProfile(7, changes);
      await message;
      await caughtUp();
      const at = profile ? Date.parse(profile.updatedAt) : NaN; // the same instant as a number: epoch ms, or epoch seconds
      for (const value of [profile?.displayName, profile?.bio, profile?.updatedAt, String(at), String(Math.floor(at / 1000))]) values.add(value);
      const sent = heard.slice(before);
      expect(sent.some((payload) => payload.includes(key(7))), `updateProfile(7, ${JSON.stringify(changes)}) put ${JSON.stringify(sent)} on the channel; a message should name ${key(7)}.\n${keysIdea}`).toBe(true);
      const leaked = [...values].filter((value) => value && sent.some((payload) => payload.includes(value)));
      expect(leaked, `updateProfile(7, ${JSON.stringify(changes)}) put ${JSON.stringify(sent)} on the channel: it carries profile values (${JSON.stringify(leaked)}); updatedAt is one too, as ISO text or as a number of (milli)seconds.\n${keysIdea}`).toEqual([]);
    }
  });

  it('07.8 the subscription lives on its own connection, live before createProfileCache resolves; the command connection is never in subscribe mode', async () => {
    // The server answers A's SUBSCRIBE only once the suite lets it: until then A is not listening yet.
    const own = lab.redis.client();
    const unanswered = holdCommands(own, (name) => SUBSCRIBES.has(name));
    let started = false;
    const starting = instance({ subscriber: own }).then((a) => ((started = true), a));
    starting.catch(() => {}); // a failed check below leaves it to settle after the test
    await expectSettlesWithin(unanswered.reached, BOUND_MS, 'a SUBSCRIBE on the subscriber connection', `createProfileCache should subscribe on options.subscriber (${LESSON}, "A connection of its own").`);
    await lab.redis.admin.ping(); // a round trip: a promise that does not wait for the reply has long resolved
    expect(
      started,
      `createProfileCache resolved while its SUBSCRIBE was still unanswered. A write published in that gap is never heard by this instance, which already serves requests and fills L1. Await the SUBSCRIBE before resolving (${LESSON}, "A connection of its own").`,
    ).toBe(false);
    unanswered.release();
    const a = await starting;
    await a.cache.getProfile(8);
    await a.cache.updateProfile(8, { bio: 'Reads a lot' });
    const [command, subscriber] = await Promise.all([lab.redis.connectionInfo(a.redis), lab.redis.connectionInfo(a.subscriber)]);
    const show = (info: Record<string, string>) => `sub=${info.sub} psub=${info.psub} flags=${info.flags}`;
    expect(
      subscriptions(command),
      `CLIENT LIST shows the command connection with ${show(command)}: it is subscribed. Under RESP3 it still answers GET, but it now also carries every broadcast between your replies, falls under Redis's pub/sub output-buffer limit, and is resubscribed on every reconnect. SUBSCRIBE on options.subscriber only (${LESSON}, "A connection of its own").`,
    ).toBe(0);
    expect(subscriptions(subscriber), `CLIENT LIST shows the subscriber connection with ${show(subscriber)}: it should be subscribed to ${invalidationChannel(lab.redis.prefix)} by the time createProfileCache resolves (${LESSON}, "A connection of its own").`).toBeGreaterThanOrEqual(1);

    // A SUBSCRIBE the server refuses (an ACL without the channel, say): no instance to hand out.
    const channel = invalidationChannel(lab.redis.prefix);
    const refusing = lab.redis.refusingClient([...SUBSCRIBES], new Error(`NOPERM User app has no permissions to access the '${channel}' channel`));
    const refused = await outcome(instance({ subscriber: refusing }));
    expect(
      'error' in refused,
      `The server refused the SUBSCRIBE to ${channel}, and createProfileCache still resolved. An instance that hears no invalidation fills L1 and serves every later change stale, with nothing to show for it: reject, so the app fails to start rather than serve stale data. (A refused SUBSCRIBE after a reconnect is another matter: the next 'ready' tries again.) (${LESSON}, "A connection of its own").`,
    ).toBe(true);
    expect(
      refusing.listenerCount('message'),
      `After createProfileCache rejected, the subscriber connection it was handed still carries ${refusing.listenerCount('message')} 'message' listener(s). The connection is the caller's: a cache that failed to open leaves nothing on it (${LESSON}, "A connection of its own").`,
    ).toBe(0);
  });

  it('07.11 an invalidation removes exactly what it names: other profiles stay in L1 and in Redis, only the writer deletes in Redis, and other channels change nothing', async () => {
    const [a, b] = await instances(2);
    const channel = invalidationChannel(lab.redis.prefix);
    const { heard, caughtUp } = await listen(channel);
    const readAll = (inst: Instance) => Promise.all([1, 2, 3].map((id) => inst.cache.getProfile(id)));
    await readAll(a);
    await readAll(b);
    const exactIdea = `Drop the keys a message names, and nothing else: over-invalidation sends every instance back to Redis for data that did not change (${LESSON}, "Telling the other instances").`;
    const first = invalidatedFor(b.cache, key(2), 'instance B', idea);
    const { commands } = await serverCommandsDuring(lab.redis, async () => {
      await a.cache.updateProfile(2, { bio: 'Changed on A' });
      await first;
      await handled([a.redis], [a, b]); // whatever the message made A or B send has run by now
    });
    const owners = new Map<string | undefined, string>();
    for (const [who, inst] of [['A', a], ['B', b]] as const) for (const client of [inst.redis, inst.subscriber]) owners.set((await lab.redis.connectionInfo(client)).addr, who);
    const sender = (command: ServerCommand) => owners.get(command.scriptOf ?? command.source) ?? 'another connection';
    const deletes = commands.filter((command) => ['DEL', 'UNLINK'].includes(command.name) && command.args.includes(key(2)));
    expect(
      deletes.map(sender),
      `One write of profile 2 on A made the server delete ${key(2)} ${deletes.length} times (${deletes.map((command) => `${command.name} from ${sender(command)}`).join(', ') || 'never'}); expected once, by the writer A, before it publishes. Whoever hears the message, the writer included, drops the named keys from its own L1 only: Redis is shared, and the writer has already cleaned it. A DEL from every receiver multiplies the writes to Redis by the number of instances, and one that lands after another instance has refilled the key throws that fresh copy away (${LESSON}, "Telling the other instances").`,
    ).toEqual(['A']);
    for (const [who, inst] of [['A, the writer,', a], ['B', b]] as const) {
      const sent = await sentDuring(lab, async () => {
        await inst.cache.getProfile(1);
        await inst.cache.getProfile(3);
      });
      expect(sent, `Profile 2 changed, and ${who} then read profiles 1 and 3 from Redis (${sent.join(', ')}).\n${exactIdea}`).toEqual([]);
      expect((await inst.cache.getProfile(2))?.bio, `${who} should read the new bio of profile 2.\n${idea}`).toBe('Changed on A');
    }
    const inRedis = await lab.redis.admin.exists(key(1), key(3));
    expect(inRedis, `Profile 2 changed, and Redis now holds ${inRedis} of the L2 copies of profiles 1 and 3: delete the changed key only.\n${exactIdea}`).toBe(2);

    const both = [invalidatedFor(b.cache, key(1), 'instance B', idea), invalidatedFor(b.cache, key(3), 'instance B', idea)];
    await Promise.all([a.cache.updateProfile(1, { bio: 'Changed together' }), a.cache.updateProfile(3, { bio: 'Changed together' })]);
    await Promise.all(both);
    const two = await sentDuring(lab, () => b.cache.getProfile(2));
    expect(two, `Profiles 1 and 3 changed at once, and B then read profile 2 from Redis (${two.join(', ')}).\n${exactIdea}`).toEqual([]);
    const bios = (await readAll(b)).map((p) => p?.bio);
    expect(bios, `After profiles 1 and 3 changed at once, B read bios ${JSON.stringify(bios)}: both changes must reach it.\n${idea}`).toEqual(['Changed together', 'Changed on A', 'Changed together']);

    // The app may use the same subscriber connection for other channels: a message there is not an invalidation.
    const thrown = listenerErrors([a, b]);
    const reactions: string[] = [];
    for (const [who, inst] of [['A', a], ['B', b]] as const) inst.cache.on('invalidated', (keys) => reactions.push(`${who} emitted 'invalidated' ${JSON.stringify(keys)}`));
    const other = invalidationChannel(`${lab.redis.prefix}tenant-2:`); // another cache's channel, on the same connection
    const sibling = `${channel}:audit`; // another channel of the app, whose name starts with yours
    await b.subscriber.subscribe(other);
    await caughtUp();
    const replay = heard.find((payload) => payload.includes(key(2))) ?? JSON.stringify({ keys: [key(2)] });
    await lab.redis.admin.publish(other, replay);
    await lab.redis.admin.publish(sibling, replay);
    await lab.redis.admin.publish(channel, '}{ not an invalidation');
    await lab.redis.admin.publish(channel, JSON.stringify({ userId: 2, note: 'JSON, but not an invalidation' })); // another app, another version
    await lab.redis.admin.publish(channel, JSON.stringify({ keys: [2, null] })); // a list, but of no key names
    await lab.redis.admin.publish(channel, JSON.stringify({ keys: key(2) })); // a key name, but not a list of them
    await lab.redis.admin.publish(channel, JSON.stringify({ keys: [] })); // a list that names no key
    for (const bare of ['null', '7', 'true']) await lab.redis.admin.publish(channel, bare); // JSON, but not an object
    await handled([lab.redis.admin], [a, b]);
    const sent = `a message on ${other} (another cache's invalidation channel, on the same subscriber connection), one on ${sibling} (a channel whose name starts with yours), and eight on ${channel} that are not invalidations (not JSON, JSON of another shape, a list of keys that are not key names, a key name that is not in a list, an empty list, then null, 7 and true)`;
    expect(thrown.map(String), `After ${sent}, a message listener threw. In a process of its own that is an uncaught exception, and the instance goes down: ignore what does not parse, and check what the JSON holds, not only that it parses.\n${exactIdea}`).toEqual([]);
    expect(reactions, `After ${sent}, the instances reacted: ${reactions.join('; ')}. 'invalidated' tells listeners that a message named keys and they left L1; a message that names none is ignored, with no event.\n${exactIdea}`).toEqual([]);
    const after = await sentDuring(lab, () => readAll(b));
    expect(after, `After ${sent}, B read from Redis again (${after.join(', ')}). Only ${channel} itself carries invalidations (SUBSCRIBE to it, not to a pattern, and compare the whole channel name), and only a list of key names is one: anything else is ignored, not fatal.\n${exactIdea}`).toEqual([]);
  });

  it("07.20 a message naming several keys drops every one of them, with one 'invalidated' per message; entries that are not key names never reach a listener", async () => {
    const [a, b] = await instances(2);
    const channel = invalidationChannel(lab.redis.prefix);
    const readAll = (inst: Instance) => Promise.all([1, 2, 3, 4].map((id) => inst.cache.getProfile(id)));
    await readAll(a);
    await readAll(b);
    const thrown = listenerErrors([a, b]);
    const events: { who: string; keys: unknown[] }[] = [];
    for (const [who, inst] of [['A', a], ['B', b]] as const) inst.cache.on('invalidated', (keys) => events.push({ who, keys: [...keys] }));
    // A batch job of the app renames profiles 1, 3 and 4 in one transaction, deletes their L2 copies and announces them in one message.
    const batch = [key(3), key(1), key(4)];
    await lab.db.sql(`UPDATE profiles SET bio = 'Changed in one batch' WHERE user_id IN (1, 3, 4)`);
    await lab.redis.admin.del(...batch);
    await lab.redis.admin.publish(channel, JSON.stringify({ keys: batch }));
    await handled([lab.redis.admin], [a, b]);
    const truth = (await lab.db.sql<{ bio: string }>('SELECT bio FROM profiles WHERE user_id IN (1, 2, 3, 4) ORDER BY user_id')).map((row) => row.bio);
    const severalIdea = `A message names the keys that changed, as many as one write changed: drop every key in the list, then emit 'invalidated' once, with all of them (${LESSON}, "Telling the other instances").`;
    for (const [who, inst] of [['A', a], ['B', b]] as const) {
      const bios = (await readAll(inst)).map((p) => p?.bio);
      expect(bios, `One message named ${batch.join(', ')}; then ${who} read bios ${JSON.stringify(bios)} for profiles 1 to 4, Postgres holds ${JSON.stringify(truth)}: a key the message names stayed in L1.\n${severalIdea}`).toEqual(truth);
      const told = events.filter((event) => event.who === who).map((event) => event.keys);
      expect(
        told.map((keys) => [...keys].map(String).sort()),
        `One message named ${batch.join(', ')}, and ${who} emitted 'invalidated' ${told.length} times: ${JSON.stringify(told)}. The event stands for a message: its listeners (a metric of messages, a log line) take one event as one invalidation that arrived.\n${severalIdea}`,
      ).toEqual([[key(1), key(3), key(4)]]);
    }

    // The list starts with a key name, and goes on with things that are not (another app, a bug in a publisher).
    events.length = 0;
    await lab.redis.admin.publish(channel, JSON.stringify({ keys: [key(2), 2, { userId: 2 }, null] }));
    await handled([lab.redis.admin], [a, b]);
    const mixedIdea = `Check every entry of the list, not only the first: an entry that is not a string is not a key name. Keep the key names (or ignore the whole message), and never hand anything else to L1 or to 'invalidated' listeners, which call string methods on what they get (${LESSON}, "Telling the other instances").`;
    expect(thrown.map(String), `A message listener threw on a list of keys that starts with a key name and goes on with 2, an object and null. In a process of its own that is an uncaught exception.\n${mixedIdea}`).toEqual([]);
    const strays = events.filter((event) => event.keys.some((k) => typeof k !== 'string'));
    expect(strays, `A message listed ${key(2)}, then 2, an object and null; the instances emitted 'invalidated' with ${JSON.stringify(strays)}.\n${mixedIdea}`).toEqual([]);
  });

  it('07.21 two caches in one process keep their own L1 and their own life: neither evicts the other, and closing one leaves the others listening', async () => {
    const [code] = await load(1); // one process, which opens caches when it likes
    const a = await instance(); // another process, the writer
    const main = await instance({}, code);
    const tenant = await instance({ keyPrefix: `${lab.redis.prefix}tenant-2:`, maxL1Entries: 1 }, code); // another tenant's cache, with a small L1
    for (const id of [1, 2, 3]) await main.cache.getProfile(id);
    for (const id of [4, 5, 6]) await tenant.cache.getProfile(id); // keeps one of its own entries
    const sent = await sentDuring(lab, async () => {
      for (const id of [1, 2, 3]) await main.cache.getProfile(id);
    });
    expect(
      sent,
      `A process opened two caches: one with the default L1, one for another prefix with maxL1Entries 1. The first read profiles 1, 2 and 3, the second 4, 5 and 6; then the first read 1, 2 and 3 again and sent ${sent.join(', ')} to Redis: the other cache's bound evicted its entries. Every cache has an L1 of its own, made when it is created, with its own bounds: a Map in module scope is one for the whole process (${LESSON}, "Bounding L1").`,
    ).toEqual([]);

    const stillIdea = `Every cache of a process listens until its own close(): state that close() sets (a closed flag, a stopped watch) belongs to the cache, not to the module, which every cache of the process shares (${LESSON}, "A connection of its own").`;
    await tenant.cache.close();
    const later = await instance({}, code); // the process opens a cache again (a tenant reloaded)
    for (const [round, [who, inst]] of ([['the cache opened before the other closed', main], ['a cache opened after the other closed', later]] as const).entries()) {
      const userId = 7 + round;
      await inst.cache.getProfile(userId);
      const heard = invalidatedFor(inst.cache, key(userId), `${who}, in the process where another cache has closed`, stillIdea);
      const name = `Renamed after a close (${round + 1})`;
      await a.cache.updateProfile(userId, { displayName: name });
      await heard;
      const seen = await inst.cache.getProfile(userId);
      expect(seen?.displayName, `After another cache of its process closed, ${who} read "${seen?.displayName}" once A's write had been announced.\n${stillIdea}`).toBe(name);
    }
  });
});

describe('the order of a write, as the other instances see it', () => {
  it('07.12 an instance that re-reads as soon as it hears the message finds the new profile: L2 is gone before the PUBLISH', async () => {
    const [a, b] = await instances(2);
    await a.cache.getProfile(4);
    await b.cache.getProfile(4);
    let reread: Promise<Profile | null> | undefined;
    let inRedis: Promise<string | null> | undefined; // what L2 held at that moment, to say where a stale read came from
    b.cache.on('invalidated', (keys) => {
      if (!keys.includes(key(4)) || reread) return;
      reread = b.cache.getProfile(4); // a request arriving right after the message
      inRedis = lab.redis.admin.get(key(4));
    });
    const heard = invalidatedFor(b.cache, key(4), 'instance B', idea);
    // Whatever A sends after its PUBLISH waits until B has re-read: B may well be that fast.
    const carries = publishOn(invalidationChannel(lab.redis.prefix));
    let published = false;
    const held: (() => void)[] = [];
    let open = false;
    const letGo = () => {
      open = true;
      for (const go of held.splice(0)) go();
    };
    onTestFinished(letGo);
    wrapCommands(a.redis, (command, send) => {
      if (open || !published) {
        if (carries(command)) published = true;
        return send(command);
      }
      held.push(() => void Promise.resolve(send(command)).catch(() => {}));
      return command.promise;
    });
    heard.then(() => reread).finally(letGo).catch(() => {});
    await expectSettlesWithin(a.cache.updateProfile(4, { displayName: 'Renamed before the message' }), BOUND_MS * 2, 'updateProfile(4)', idea);
    await heard;
    const seen = await reread;
    const l2 = await inRedis;
    const where = l2?.includes('Renamed before the message') === false
      ? `the old value still in Redis, and kept it in L1 with nothing left to remove it. Delete the L2 key before you PUBLISH (commit, DEL, drop your own L1 copy, PUBLISH)`
      : `while Redis no longer held the old value: it came from B's own L1, which still held profile 4 when 'invalidated' was emitted. Drop the keys from L1 first, then emit 'invalidated': a listener takes the event to mean the keys are gone`;
    expect(seen?.displayName, `B heard the message and read profile 4 at once: it got "${seen?.displayName}", ${where} (${LESSON}, "Telling the other instances").`).toBe('Renamed before the message');
  });

  it('07.13 the writer reads its own change at once, without waiting for its own message, even while its PUBLISH is unanswered; the write resolves once it is answered', async () => {
    const a = await instance();
    await a.cache.getProfile(5);
    a.subscriber.stream.pause(); // A's own message is slow to come back to it
    onTestFinished(() => void a.subscriber.stream.resume());
    await expectSettlesWithin(a.cache.updateProfile(5, { displayName: 'Mine at once' }), BOUND_MS, 'updateProfile(5) while its own message is on the way', `updateProfile should not wait for its own message to come back (${LESSON}, "Telling the other instances").`);
    const own = await a.cache.getProfile(5);
    expect(
      own?.displayName,
      `Right after its own updateProfile(5) resolved, A read "${own?.displayName}" from its L1: its message had not come back yet. The writer drops its own L1 copy itself, during the write (${LESSON}, "Telling the other instances").`,
    ).toBe('Mine at once');

    // A read on the writer fetched the old profile 6 from Redis just before the write, and finishes while its PUBLISH is unanswered.
    const old6: Profile = { userId: 6, displayName: 'User 6', bio: '', updatedAt: '2026-03-01T10:00:00.123Z' };
    await lab.redis.admin.set(key(6), JSON.stringify(old6), 'EX', PROFILE_TTL_SECONDS); // L2 holds it, as if another instance had read it
    const slow = holdReply(a.redis, key(6));
    const inFlight = a.cache.getProfile(6);
    await expectSettlesWithin(slow.fetched, BOUND_MS, "A's read of profile 6 reaching Redis", 'getProfile should look in Redis on an L1 miss.');
    const publishing6 = holdReply(a.redis, publishOn(invalidationChannel(lab.redis.prefix)));
    const write6 = a.cache.updateProfile(6, { displayName: 'Mine, despite a read in flight' });
    write6.catch(() => {}); // a failed check below leaves it to settle after the test
    await expectSettlesWithin(publishing6.fetched, BOUND_MS, "A's PUBLISH of profile 6 reaching Redis", `updateProfile should PUBLISH on the command connection (${LESSON}, "Telling the other instances").`);
    slow.release();
    await inFlight; // this caller may get the old profile: it asked before the write
    publishing6.release();
    await expectSettlesWithin(write6, BOUND_MS, 'updateProfile(6) while its own message is on the way', `updateProfile should not wait for its own message to come back (${LESSON}, "Telling the other instances").`);
    const six = await a.cache.getProfile(6);
    expect(
      six?.displayName,
      `A read on A fetched the old profile 6 just before A's own write and finished after A dropped its copy, while the PUBLISH was still unanswered; once the write resolved, A read "${six?.displayName}". The writer's own drop is an invalidation like a message: bump the counter that reads check when you drop the copy, not after publishing, so a read that started before it does not keep what it fetched (${LESSON}, "Two tiers").`,
    ).toBe('Mine, despite a read in flight');

    // A's L1 holds profile 5 again; this time the reply to A's PUBLISH is slow to come back.
    const publishing = holdReply(a.redis, publishOn(invalidationChannel(lab.redis.prefix)));
    let resolved = false;
    const write = a.cache.updateProfile(5, { displayName: 'Mine while I publish' }).then((profile) => ((resolved = true), profile));
    write.catch(() => {}); // a failed check below leaves it to settle after the test
    await expectSettlesWithin(publishing.fetched, BOUND_MS, "A's PUBLISH reaching Redis", `updateProfile should PUBLISH on the command connection (${LESSON}, "Telling the other instances").`);
    await lab.redis.admin.ping(); // a round trip: a write that does not wait for its PUBLISH has long resolved
    expect(
      resolved,
      `updateProfile(5) resolved while the reply to its PUBLISH was still on the way: it does not wait for its DEL and PUBLISH. Its caller takes "resolved" to mean the write is done, the other instances told; a write that returns first cannot even notice a PUBLISH that failed, and whatever the caller does next races its own invalidation. Await the DEL and the PUBLISH (catching their errors) before you resolve (${LESSON}, "Telling the other instances").`,
    ).toBe(false);
    const during = await a.cache.getProfile(5);
    expect(
      during?.displayName,
      `While A's PUBLISH was on the way, a read on A got "${during?.displayName}" from its L1: the writer dropped its own copy only after publishing. For as long as Redis takes to answer the PUBLISH (a slow network, a busy server), the writer's own requests get the profile it has just replaced. Drop your own copy before the PUBLISH: commit, DEL, drop, PUBLISH (${LESSON}, "Telling the other instances").`,
    ).toBe('Mine while I publish');
    publishing.release();
    await expectSettlesWithin(write, BOUND_MS, 'updateProfile(5) once its PUBLISH was answered', `updateProfile should not wait for its own message to come back (${LESSON}, "Telling the other instances").`);
  });
});
