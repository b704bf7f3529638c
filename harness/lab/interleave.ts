import type { Command, Redis } from 'ioredis';

export interface Interleaving {
  /** How many times the action ran. */
  readonly runs: number;
  /** Restores the client; throws the first error the action raised, if any. */
  stop(): void;
}

/**
 * Runs `action` in the gaps of `client`'s conversation with Redis: before every command
 * the client sends once it has had a reply since this was armed. That gap is where a
 * read-then-write race lives (the SMEMBERS answered, the DELs not yet sent), so a suite
 * can put a concurrent reader or writer exactly there, every run, instead of hoping a
 * timing loop hits it. Held commands are sent in their original order afterwards.
 *
 * A single command, a Lua script, or a MULTI ... EXEC block leaves no gap that matters:
 * Redis runs each as a whole, and commands queued inside MULTI reach the server only
 * with EXEC, so an action run between them still sees the state before the block.
 *
 * `action` must use other clients, never `client` itself (it would wait for itself).
 */
export function interleave(client: Redis, action: () => Promise<unknown>): Interleaving {
  const send = client.sendCommand.bind(client);
  let replied = false;
  let stopped = false;
  let runs = 0;
  let failure: unknown;
  let held: Promise<void> | undefined; // once a command waits, later ones queue behind it

  const watch = (command: Command) => {
    const mark = () => {
      replied = true;
    };
    command.promise.then(mark, mark);
  };

  client.sendCommand = ((command: Command, stream?: Parameters<Redis['sendCommand']>[1]) => {
    if (stopped || (!replied && !held)) {
      watch(command);
      return send(command, stream);
    }
    held = (held ?? Promise.resolve()).then(async () => {
      if (!stopped && replied) {
        runs += 1;
        await action().catch((error: unknown) => (failure ??= error));
      }
      watch(command);
      void send(command, stream);
    });
    return command.promise;
  }) as typeof client.sendCommand;

  return {
    get runs() {
      return runs;
    },
    stop() {
      stopped = true;
      client.sendCommand = send;
      if (failure) throw failure;
    },
  };
}
