// Lab 05: the code's Redis, every connection of it. Not a suite.
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { interleave } from '../../harness/lab/interleave.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import type { Lab } from '../../harness/lab/use-lab.js';

/**
 * The code's client and every connection made from it with duplicate(), now or later, so a
 * check can interleave with, delay or break all of "the code's Redis" at once: a second
 * connection changes who sends a command, not what the server runs.
 */
export class CodeConnections {
  readonly all: Redis[] = [];
  private readonly hooks = new Set<(connection: Redis) => void>();

  constructor(readonly client: Redis) {
    this.adopt(client);
  }

  private adopt(connection: Redis): void {
    this.all.push(connection);
    const duplicate = connection.duplicate.bind(connection);
    connection.duplicate = ((...args: Parameters<Redis['duplicate']>) => {
      const copy = duplicate(...args);
      copy.on('error', () => {});
      this.adopt(copy);
      for (const hook of this.hooks) hook(copy);
      return copy;
    }) as Redis['duplicate'];
  }

  /** Applies `wrap` to every connection, and to each one made later, until the returned function is called. */
  each(wrap: (connection: Redis) => () => void): () => void {
    const undo: Array<() => void> = [];
    const hook = (connection: Redis) => undo.push(wrap(connection));
    this.all.forEach(hook);
    this.hooks.add(hook);
    return () => {
      this.hooks.delete(hook);
      const errors: unknown[] = [];
      for (const step of undo) {
        try {
          step();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw errors[0];
    };
  }

  /**
   * Runs `action` in every gap between the round trips of every connection, and of each
   * one made later (see interleave.ts), until the returned function is called.
   */
  interleave(action: () => Promise<unknown>): () => void {
    return this.each((connection) => {
      const running = interleave(connection, action);
      return () => running.stop();
    });
  }
}

/**
 * Hands out the code's connections for the file's `lab`, and closes the duplicates the code
 * opened after each check. Call it at the top level, after `useLab`: it adds a hook.
 */
export function useCodeConnections(lab: Lab): () => CodeConnections {
  const opened: CodeConnections[] = [];
  afterEach(() => {
    for (const connections of opened.splice(0)) for (const copy of connections.all.slice(1)) copy.disconnect();
  });
  return () => {
    const connections = new CodeConnections(lab.redis.client());
    opened.push(connections);
    return connections;
  };
}

const sha1 = (source: unknown) => createHash('sha1').update(String(source)).digest('hex');

/**
 * The code's Redis made restartable: after `restart()` it knows no Lua script until one is
 * sent to it again (EVAL or SCRIPT LOAD), and answers EVALSHA with NOSCRIPT, as a restarted
 * or failed-over server does. The NOSCRIPT comes from the real server (the SHA is swapped
 * for one it never saw), so a client that handles it on the way back, as ioredis's
 * defineCommand does when it re-sends the script as EVAL, sees what it would see for real.
 * Every connection of the code forgets, those it opens later too.
 */
export function forgetfulScripts(connections: CodeConnections): { restart: () => void } {
  let known: Set<string> | undefined; // undefined: not restarted yet, the server knows what it knows
  const forgotten = sha1(`a script no server has seen ${randomUUID()}`);
  connections.each((connection) => {
    wrapCommands(connection, (command, send) => {
      const [name, first] = [command.name.toLowerCase(), command.args[0]];
      if (known && (name === 'evalsha' || name === 'evalsha_ro') && !known.has(String(first).toLowerCase())) command.args[0] = forgotten;
      const sent = send(command);
      // Read once answered: the client may turn EVALSHA into EVAL as it writes the command.
      const learn = () => {
        const [what, source, loaded] = [command.name.toLowerCase(), command.args[0], command.args[1]];
        if (what === 'eval' || what === 'eval_ro') known?.add(sha1(source));
        if (what === 'script' && String(source).toLowerCase() === 'load') known?.add(sha1(loaded));
      };
      command.promise.then(learn, () => {});
      return sent;
    });
    return () => {}; // the connection is closed with the check
  });
  return { restart: () => (known = new Set()) };
}
