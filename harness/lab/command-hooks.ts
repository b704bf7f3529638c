import type { Redis } from 'ioredis';

/**
 * Hooks on the commands one client sends, for checks about *when* things happen: "a value
 * appears between the miss and the lock", "the lock expires between the check and the
 * delete". Instead of hoping a race lands in the window, the suite opens the window itself.
 *
 * Both hooks see commands sent one at a time (`redis.get(...)`, `redis.eval(...)`).
 * Commands inside a Lua script run on the server and are never seen; commands queued in a
 * pipeline or MULTI are recorded but never paused.
 */

/** A command as the client sent it: lower-case name, arguments as strings. */
export interface SentCommand {
  name: string;
  args: string[];
}

/** How a command ended: its reply, or the error it was rejected with. */
export type CommandOutcome = { reply: unknown; error?: undefined } | { reply?: undefined; error: unknown };

type Send = Redis['sendCommand'];
type Wrap = (command: SentCommand, sent: Promise<unknown>, pipelined: boolean) => Promise<unknown>;

function wrapSend(client: Redis, wrap: Wrap): void {
  const send = client.sendCommand.bind(client) as Send;
  client.sendCommand = ((command, stream) => {
    const sent = send(command, stream) as Promise<unknown>;
    const seen = { name: command.name.toLowerCase(), args: command.args.map((arg) => String(arg)) };
    return wrap(seen, sent, stream !== undefined);
  }) as Send;
}

/** Every command `client` sends from now on, with its arguments, in order. */
export function recordCommandArgs(client: Redis): SentCommand[] {
  const seen: SentCommand[] = [];
  wrapSend(client, (command, sent) => {
    seen.push(command);
    return sent;
  });
  return seen;
}

/**
 * Once, after the first reply (or error) that `matches`, runs `pause` before the code that
 * sent the command sees the outcome. `fired()` tells whether it happened.
 *
 *   pauseAfterReply(client, (c, o) => c.name === 'get' && o.reply === null, plantValue)
 */
export function pauseAfterReply(
  client: Redis,
  matches: (command: SentCommand, outcome: CommandOutcome) => boolean,
  pause: () => Promise<void>,
): { fired: () => boolean } {
  let armed = true;
  const hold = async (command: SentCommand, outcome: CommandOutcome) => {
    if (!armed || !matches(command, outcome)) return;
    armed = false;
    await pause();
  };
  wrapSend(client, (command, sent, pipelined) => {
    if (!armed || pipelined) return sent;
    return sent.then(
      async (reply: unknown) => {
        await hold(command, { reply });
        return reply;
      },
      async (error: unknown) => {
        await hold(command, { error });
        throw error;
      },
    );
  });
  return { fired: () => !armed };
}
