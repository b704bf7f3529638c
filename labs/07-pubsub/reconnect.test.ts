// Lab 07 checks, part 4: when the subscriber's connection drops, and close(). Run: npm test labs/07-pubsub
// To simulate a network blip the suite kills B's subscriber connection with CLIENT KILL ID
// and lets ioredis reconnect. Nothing here is timed: the suite holds B's SUBSCRIBE after the
// reconnect until A has written, and waits for events ('ready', 'resubscribed'), not clocks.
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { expectEventWithin } from '../../harness/lab/expect-event.js';
import { holdCommands, holdReply } from '../../harness/lab/hold.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { appInstances, BOUND_MS, handled, intervalsLeftBy, LESSON, SUBSCRIBES, subscriptions, UNSUBSCRIBES } from './instances.support.js';
import { invalidationChannel, profileKey, type Profile } from './src/contract.js';

const lab = useLab('07');
// A killed subscriber reconnects at once, so a check waits for events, never for a backoff.
const { instance, instances } = appInstances(lab, { retryStrategy: () => 5 });

/** How many listeners each event has on each connection, e.g. `subscriber message: 2`. */
const listenersOn = (redis: Redis, subscriber: Redis) =>
  Object.entries({ redis, subscriber }).flatMap(([name, client]) => client.eventNames().map((event) => `${name} ${String(event)}: ${client.listenerCount(event)}`));

const lostIdea = `Pub/sub delivers at most once: a message published while a subscriber is not subscribed is gone, and ioredis's automatic resubscribe cannot bring it back. Each time the subscriber is back (every 'ready' after the first subscribe), SUBSCRIBE again and await the reply, then flush L1, then emit 'resubscribed' (${LESSON}, "When the connection drops").`;

describe('when the subscriber connection drops', () => {
  it("07.9 after each CLIENT KILL (twice), B flushes L1 once it is subscribed again, before 'resubscribed': a change made meanwhile is not served stale, and a refused SUBSCRIBE is no resubscribe", async () => {
    const [a, b] = await instances(2);
    await a.cache.getProfile(8); // the old profile 8 is in L2; B has not read it
    for (const round of [1, 2]) {
      const name = `Renamed while B was away (${round})`;
      await a.cache.getProfile(9);
      await b.cache.getProfile(9); // B's L1 holds the current name
      const hold = holdCommands(b.subscriber, (name) => SUBSCRIBES.has(name));
      const ready = expectEventWithin(b.subscriber, 'ready', { what: `'ready' on B's subscriber after kill ${round}`, idea: 'ioredis reconnects by itself.', boundMs: BOUND_MS });
      const back = expectEventWithin(b.cache, 'resubscribed', { what: `'resubscribed' event on instance B after kill ${round} of 2`, idea: lostIdea, boundMs: BOUND_MS });
      let readAtOnce: Promise<Profile | null> | undefined; // the app's listener re-reads a hot profile the moment B is back
      b.cache.once('resubscribed', () => void (readAtOnce = b.cache.getProfile(9)));
      await lab.redis.killConnection(b.subscriber, BOUND_MS);
      await ready; // connected again, and whatever B does on 'ready' has run
      await expectSettlesWithin(hold.reached, BOUND_MS, `a SUBSCRIBE from B's subscriber after kill ${round}`, `After a reconnect the subscriber must subscribe again (ioredis's autoResubscribe does, for a connection that was subscribed).\n${lostIdea}`);
      await b.cache.getProfile(9); // B keeps serving requests while it is not subscribed
      const slow = round === 1 ? holdReply(b.redis, profileKey(lab.redis.prefix, 8)) : undefined;
      const inFlight = slow && b.cache.getProfile(8); // a read that fetches the old profile 8 now, and finishes after the flush
      if (slow) await expectSettlesWithin(slow.fetched, BOUND_MS, "B's read of profile 8 reaching Redis", 'getProfile should look in Redis on an L1 miss.');
      await a.cache.updateProfile(9, { displayName: name }); // nobody on B hears this message
      if (slow) await a.cache.updateProfile(8, { displayName: 'Renamed during a slow read' });
      hold.release();
      await back;
      slow?.release();
      await inFlight;
      const onB = await b.cache.getProfile(9);
      expect(onB?.displayName, `After kill ${round} and its reconnect, B served "${onB?.displayName}" from L1: the invalidation A published while B was not subscribed never arrived.\n${lostIdea}`).toBe(name);
      const atOnce = await readAtOnce;
      expect(
        atOnce?.displayName,
        `After kill ${round}, a listener of B's 'resubscribed' read profile 9 at once and got "${atOnce?.displayName}" from L1: B emitted the event before it flushed. Listeners take 'resubscribed' to mean "subscribed again, and L1 holds nothing from before" (a metric, a warm-up that re-reads the hot keys): flush first, then emit.\n${lostIdea}`,
      ).toBe(name);
      if (!slow) continue;
      const eight = await b.cache.getProfile(8);
      expect(
        eight?.displayName,
        `A read of profile 8 fetched the old value before B's flush and finished after it, and then B served "${eight?.displayName}" from L1: a read that started before a flush must not keep what it fetched (the counter that invalidations bump, bumped by the flush too).\n${lostIdea}`,
      ).toBe('Renamed during a slow read');
    }

    // C's subscriber is back, but the server refuses its SUBSCRIBE (a changed ACL, say): it is not
    // subscribed, and nothing resubscribes it for it (autoResubscribe off), until a later reconnect.
    const c = await instance({ subscriber: lab.redis.client({ retryStrategy: () => 5, autoResubscribe: false }) });
    let refusing = true;
    let refusal = () => {};
    const refused = new Promise<void>((resolve) => (refusal = resolve));
    wrapCommands(c.subscriber, (command, send) => {
      if (!refusing || !SUBSCRIBES.has(command.name.toLowerCase())) return send(command);
      command.reject(new Error("NOPERM this user has no permissions to access one of the channels used as arguments"));
      refusal();
      return command.promise;
    });
    const claims: string[] = [];
    c.cache.on('resubscribed', () => claims.push('resubscribed'));
    const ready = expectEventWithin(c.subscriber, 'ready', { what: "'ready' on C's subscriber after the kill", idea: 'ioredis reconnects by itself.', boundMs: BOUND_MS });
    await lab.redis.killConnection(c.subscriber, BOUND_MS);
    await ready;
    await expectSettlesWithin(refused, BOUND_MS, "a SUBSCRIBE from C's subscriber after the kill", `After a reconnect the subscriber must subscribe again.\n${lostIdea}`);
    await c.subscriber.ping(); // whatever C does once its SUBSCRIBE is refused has run by now
    const info = await lab.redis.connectionInfo(c.subscriber);
    expect(
      claims,
      `C's SUBSCRIBE after the reconnect was refused, and C still emitted 'resubscribed' (CLIENT LIST shows sub=${info.sub}): listeners take the event to mean "subscribed again", and C hears no invalidation. Emit it only once the SUBSCRIBE has been answered; a failed one waits for the next 'ready'.\n${lostIdea}`,
    ).toEqual([]);
    refusing = false;
    const back = expectEventWithin(c.cache, 'resubscribed', { what: "'resubscribed' on C after a second kill, whose SUBSCRIBE went through", idea: lostIdea, boundMs: BOUND_MS });
    await lab.redis.killConnection(c.subscriber, BOUND_MS);
    await back;
  });

  it('07.10 after each reconnect (five to seven times), B hears new invalidations again', async () => {
    const [a, b] = await instances(2);
    const idea = `Once resubscribed, B must hear invalidations as before: keep one message listener for the life of the instance, and keep the subscription (${LESSON}, "When the connection drops").`;
    const rounds = 5 + Math.floor(Math.random() * 3); // more than a budget of reconnects would allow, a new number every run
    for (let round = 1; round <= rounds; round++) {
      const back = expectEventWithin(b.cache, 'resubscribed', { what: `'resubscribed' event on instance B after kill ${round} of ${rounds}`, idea: `Every reconnect, however many came before it, is a gap in which messages were lost: no budget, no counter.\n${lostIdea}`, boundMs: BOUND_MS });
      await lab.redis.killConnection(b.subscriber, BOUND_MS);
      await back;
      if (round > 2 && round < rounds) continue; // every reconnect must be handled; what B hears is checked after the first two and the last
      await b.cache.getProfile(10);
      const name = `Renamed after B came back (${round})`;
      const k = profileKey(lab.redis.prefix, 10);
      const heard = expectEventWithin<[string[]]>(b.cache, 'invalidated', { what: `'invalidated' naming ${k} on B after reconnect ${round}`, idea, boundMs: BOUND_MS, accept: (keys) => keys.includes(k) });
      let told = 0;
      const count = (keys: string[]) => void (keys.includes(k) && told++);
      b.cache.on('invalidated', count);
      await a.cache.updateProfile(10, { displayName: name });
      await heard;
      await handled([a.redis], [b]); // a second copy of the message would have arrived by now
      b.cache.off('invalidated', count);
      expect(told, `After reconnect ${round}, one write made B emit 'invalidated' for ${k} ${told} times instead of once. A message listener attached again at every reconnect handles each message once more per reconnect, and the listeners pile up for the life of the process.\n${idea}`).toBe(1);
      expect((await b.cache.getProfile(10))?.displayName, idea).toBe(name);
    }
  });
});

describe('closing an instance', () => {
  it("07.17 close() resolves once its UNSUBSCRIBE is answered; from then on the instance no longer listens, even after a reconnect, and the caller's connections stay open", async () => {
    const [a, b] = await instances(2);
    // The app keeps a channel of its own on B's subscriber connection, with its own listener.
    const appChannel = `${lab.redis.prefix}app-news`;
    const appHeard: string[] = [];
    b.subscriber.on('message', (from: string, text: string) => void (from === appChannel && appHeard.push(text)));
    let appReady = 0; // and a 'ready' listener of its own (a metric of reconnects, say)
    b.subscriber.on('ready', () => void appReady++);
    await b.subscriber.subscribe(appChannel);
    await b.cache.getProfile(1);
    const closeIdea = `close() stops listening: UNSUBSCRIBE from your channel (awaited, so it is done when close resolves), remove your message listener, stop watching reconnects, and touch nothing else. The connections belong to the caller, who may use them for other work and other channels: do not quit them, do not unsubscribe them from everything, do not remove listeners you did not add (${LESSON}, "A connection of its own").`;
    // The server answers B's UNSUBSCRIBE only once the suite lets it: until then B is still subscribed.
    const unsubscribing = holdCommands(b.subscriber, (name) => UNSUBSCRIBES.has(name));
    let sent = false;
    let closed = false;
    void unsubscribing.reached.then(() => (sent = true));
    const closing = b.cache.close().then(() => void (closed = true));
    closing.catch(() => {}); // a failed check below leaves it to settle after the test
    await expectSettlesWithin(Promise.race([unsubscribing.reached, closing]), BOUND_MS, 'close()', `close should unsubscribe and resolve (${LESSON}, "A connection of its own").`);
    await lab.redis.admin.ping(); // a round trip: a close() that does not wait for the reply has long resolved
    expect(
      sent && closed,
      `close() resolved while its UNSUBSCRIBE was still unanswered: the caller is told the subscription is gone while the server still holds it (CLIENT LIST still counts it), and an UNSUBSCRIBE that fails, say because the connection drops, fails where nobody hears of it.\n${closeIdea}`,
    ).toBe(false);
    unsubscribing.release();
    await expectSettlesWithin(closing, BOUND_MS, 'close() once its UNSUBSCRIBE was answered', `close should unsubscribe and resolve (${LESSON}, "A connection of its own").`);
    const info = await lab.redis.connectionInfo(b.subscriber);
    expect(
      subscriptions(info),
      `After close() resolved, CLIENT LIST shows B's subscriber with sub=${info.sub} psub=${info.psub}; expected 1: the app's own ${appChannel}, and nothing on ${invalidationChannel(lab.redis.prefix)}.\n${closeIdea}`,
    ).toBe(1);
    await lab.redis.admin.publish(appChannel, 'still here');
    await b.subscriber.ping(); // the app's message has arrived by now
    expect(appHeard, `After close(), the app's own listener on ${appChannel} heard ${JSON.stringify(appHeard)} instead of the message published there: close() undid more than it set up.\n${closeIdea}`).toEqual(['still here']);

    const reactions: string[] = [];
    b.cache.on('invalidated', (keys) => reactions.push(`invalidated ${keys.join(' ')}`));
    b.cache.on('resubscribed', () => reactions.push('resubscribed'));
    await a.cache.updateProfile(1, { displayName: 'Renamed after B closed' });
    await a.redis.ping();
    await b.subscriber.ping(); // any message for B has arrived by now
    expect(reactions, `After close(), B still reacted to A's message: ${reactions.join(', ')}.\n${closeIdea}`).toEqual([]);

    const readyBefore = appReady;
    const ready = expectEventWithin(b.subscriber, 'ready', { what: "'ready' on B's subscriber after the kill", idea: 'ioredis reconnects by itself.', boundMs: BOUND_MS });
    await lab.redis.killConnection(b.subscriber, BOUND_MS);
    await ready;
    await b.subscriber.ping(); // whatever B sent on 'ready' has been answered
    expect(appReady - readyBefore, `After close(), B's subscriber reconnected, and the app's own 'ready' listener on it did not run: close() removed it. Take off the listeners you added, by reference (\`subscriber.off('ready', yourListener)\`), never every listener of an event.\n${closeIdea}`).toBe(1);
    const again = await lab.redis.connectionInfo(b.subscriber);
    expect(subscriptions(again), `After close(), a reconnect left B's subscriber with sub=${again.sub} psub=${again.psub}; expected 1, the app's own channel (which ioredis restores): more means the reconnect watch is still running.\n${closeIdea}`).toBe(1);
    expect(reactions, `After close(), a reconnect made B react: ${reactions.join(', ')}.\n${closeIdea}`).toEqual([]);
    expect([b.redis.status, b.subscriber.status], `After close(), B's connections are ${b.redis.status} and ${b.subscriber.status}.\n${closeIdea}`).toEqual(['ready', 'ready']);
    expect(await b.redis.ping(), closeIdea).toBe('PONG');

    // The app rebuilds its cache on the same connections (new options, a tenant reloaded): the
    // channel is subscribed again and carries A's messages, and the closed instance must not hear them.
    const listening = listenersOn(b.redis, b.subscriber);
    const timers = await intervalsLeftBy(async () => {
      const rebuilt = await instance({ redis: b.redis, subscriber: b.subscriber, maxL1AgeMs: 1_000 });
      await rebuilt.cache.getProfile(2); // an entry in its L1, which a sweep of expired entries would visit
      await a.cache.updateProfile(1, { displayName: 'Renamed for the rebuilt cache' });
      await handled([a.redis], [rebuilt]); // A's message has reached the shared subscriber by now
      expect(reactions, `After close(), the app opened a new cache on B's connections, and A's next write made the closed B react: ${reactions.join(', ')}. Its message listener is still on the connection, and the channel it listens for is subscribed again.\n${closeIdea}`).toEqual([]);
      // Every rebuild must give back what it took: listeners and timers left behind pile up, one set per cache ever opened.
      await rebuilt.cache.close();
    });
    expect(timers, `The app opened a cache on B's connections and closed it; ${timers} repeating timer(s) (setInterval) it started were still running: a sweep of L1, say, that keeps the closed cache and its L1 in memory for the life of the process, and runs for nothing. close() stops every timer the cache started.\n${closeIdea}`).toBe(0);
    const left = listenersOn(b.redis, b.subscriber);
    expect(left, `The app opened a cache on B's connections and closed it; the connections' listeners went from ${JSON.stringify(listening)} to ${JSON.stringify(left)}. A listener kept after close(), even one that ignores everything, is never freed, and every cache the app rebuilds adds more.\n${closeIdea}`).toEqual(listening);
  });
});
