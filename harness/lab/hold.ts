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
  /** Hands the reply to the caller. Called when the test ends anyway. */
  release(): void;
}

/**
 * The reply to the next command `client` sends with `which` among its arguments (a key,
 * usually), or for which `which(command)` is true, reaches the caller only after
 * `release()`: a slow read the suite controls, whose data was fetched before something
 * else happened. The command's own promise is held, so an EXEC waiting on a queued
 * command's answer waits too. A predicate sees every command in order until it matches.
 * With `releaseAfterMs`, the reply is handed over that long after the command was sent: a
 * Redis exactly that slow, whatever else the machine is doing.
 */
export function holdReply(client: Redis, which: string | ((command: Command) => boolean), options: { releaseAfterMs?: number } = {}): HeldReply {
  const matches = typeof which === 'string' ? (command: Command) => command.args.some((arg) => String(arg) === which) : which;
  let signal!: () => void;
  const fetched = new Promise<void>((resolve) => (signal = resolve));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  onTestFinished(() => release());
  let armed = true;
  wrapCommands(client, (command, send) => {
    if (armed && matches(command)) {
      armed = false;
      // Timed from the send, on a timer made before the code's own bound on the call, so a
      // reply due at 150 ms beats a 250 ms bound even on a loaded machine. Not a reply meant
      // to lose to a shorter bound: after a stall Node runs every due timer of one duration
      // before the next duration's, so it can come first (see CONTRIBUTING.md).
      if (options.releaseAfterMs !== undefined) setTimeout(() => release(), options.releaseAfterMs);
      const { resolve, reject } = command;
      command.resolve = (value) => {
        signal();
        void gate.then(() => resolve(value));
      };
      command.reject = (error) => {
        signal();
        void gate.then(() => reject(error));
      };
    }
    return send(command);
  });
  return { fetched, release };
}
