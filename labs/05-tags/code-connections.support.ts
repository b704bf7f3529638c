// Lab 05: the code's Redis, every connection of it. Not a suite.
import type { Redis } from 'ioredis';
import { afterEach } from 'vitest';
import { ForgottenScripts } from '../../harness/lab/forgotten-scripts.js';
import { interleave } from '../../harness/lab/interleave.js';
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

/**
 * The code's Redis made restartable (ForgottenScripts): after `restart()` it knows no Lua
 * script until one is sent to it again, on every connection of the code, those it opens
 * later too.
 */
export function forgetfulScripts(connections: CodeConnections): { restart: () => void } {
  const server = new ForgottenScripts();
  connections.each((connection) => {
    server.attach(connection);
    return () => {}; // the connection is closed with the check
  });
  return { restart: () => server.forget() };
}
