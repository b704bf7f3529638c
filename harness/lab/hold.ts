import type { Command, Redis } from 'ioredis';
import { onTestFinished } from 'vitest';
import { wrapCommands } from './lab-redis.js';

/** Commands ioredis sends by itself when a connection (re)opens: never held. */
const HANDSHAKE = new Set(['hello', 'auth', 'client', 'select', 'info', 'readonly']);

/** Whether ioredis sent `command` by itself, opening a connection: not the code's own. */
export const isHandshake = (command: { name: string }): boolean => HANDSHAKE.has(command.name.toLowerCase());

export interface Hold {
  /** Resolves once a command is being held. */
  reached: Promise<void>;
  /** Sends the held commands in their order; later ones go straight through. Called when the test ends anyway. */
  release(): void;
}

/**
 * From the first command `client` sends for which `from(name, command)` is true (names in
 * lower case), that command and every later one wait until `release()`. This is how a
 * check opens a gap on purpose, e.g. "after the reconnect, no SUBSCRIBE until the suite
 * has written", instead of hoping a timer lands in it. Handshake commands always pass.
 */
export function holdCommands(client: Redis, from: (name: string, command: Command) => boolean = () => true): Hold {
  let signal!: () => void;
  const reached = new Promise<void>((resolve) => (signal = resolve));
  const held: (() => void)[] = [];
  let holding = false;
  let released = false;
  wrapCommands(client, (command, send) => {
    const name = command.name.toLowerCase();
    if (released || isHandshake(command) || (!holding && !from(name, command))) return send(command);
    holding = true;
    signal();
    held.push(() => void Promise.resolve(send(command)).catch(() => {}));
    return command.promise;
  });
  const release = () => {
    released = true;
    for (const go of held.splice(0)) go();
  };
  onTestFinished(release);
  return { reached, release };
}

export interface HeldReply {
  /** Resolves once Redis has answered the command (its reply is still held). */
  fetched: Promise<void>;
  /** When the reply reached the caller, in ms after the send; NaN when Redis had not answered by then. */
  handedOver: Promise<number>;
  /** Hands the reply to the caller. Called when the test ends anyway. */
  release(): void;
}

/**
 * The reply to the next command `client` sends with `which` among its arguments (a key,
 * usually), or for which `which(command)` is true, reaches the caller only after
 * `release()`: a slow read the suite controls, whose data was fetched before something
 * else happened. The command's own promise is held, so an EXEC waiting on a queued
 * command's answer waits too. A predicate sees every command in order until it matches.
 * A Redis exactly N ms slow, whatever else the machine is doing, comes two ways:
 * - `releaseAfterMs: N`, a reply *within* a bound: timed from the send, on a timer made
 *   before the code's own bound on the call, so a reply due at 150 ms beats a 250 ms bound.
 * - `pastBoundMs: N`, a reply *past* a bound: timed from the end of the step that sent the
 *   command (a microtask later, once the code has set its bound) and handed over only
 *   after the timers then due have fired. Timed from the send, a thread the OS sets aside
 *   between the send and the code's setTimeout starts the bound that much later, and after
 *   a stall Node runs every due timer of one duration before the next duration's, so a
 *   reply due at 60 ms came before a 50 ms bound set earlier (10.14 and 11.17 under load).
 */
export function holdReply(
  client: Redis,
  which: string | ((command: Command) => boolean),
  options: { releaseAfterMs?: number; pastBoundMs?: number } = {},
): HeldReply {
  const matches = typeof which === 'string' ? (command: Command) => command.args.some((arg) => String(arg) === which) : which;
  let signal!: () => void;
  const fetched = new Promise<void>((resolve) => (signal = resolve));
  let answered = false;
  let sentAt: number | undefined;
  let reportHandOver!: (ms: number) => void;
  const handedOver = new Promise<number>((resolve) => (reportHandOver = resolve));
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const release = () => {
    reportHandOver(sentAt !== undefined && answered ? performance.now() - sentAt : Number.NaN);
    open();
  };
  onTestFinished(release);
  let armed = true;
  wrapCommands(client, (command, send) => {
    if (armed && matches(command)) {
      armed = false;
      sentAt = performance.now();
      const { releaseAfterMs, pastBoundMs } = options;
      if (releaseAfterMs !== undefined) setTimeout(release, releaseAfterMs);
      if (pastBoundMs !== undefined) queueMicrotask(() => setTimeout(() => setImmediate(release), pastBoundMs));
      const { resolve, reject } = command;
      const answer = () => {
        answered = true;
        signal();
      };
      command.resolve = (value) => {
        answer();
        void gate.then(() => resolve(value));
      };
      command.reject = (error) => {
        answer();
        void gate.then(() => reject(error));
      };
    }
    return send(command);
  });
  return { fetched, handedOver, release };
}
