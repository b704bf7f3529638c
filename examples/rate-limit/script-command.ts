import type { Redis } from 'ioredis';

/**
 * Registers a Lua script as a named ioredis command once per client and returns it bound
 * to that client. ioredis sends EVALSHA and falls back to EVAL when the server has not
 * seen the script yet, so each call ships a hash, not the whole script.
 */
export function scriptCommand<F extends (...args: never[]) => Promise<unknown>>(
  redis: Redis,
  name: string,
  lua: string,
): F {
  const commands = redis as unknown as Record<string, F | undefined>;
  if (!commands[name]) redis.defineCommand(name, { numberOfKeys: 1, lua });
  return commands[name]!.bind(redis) as F;
}
