import type { LabRedis } from './lab-redis.js';
import type { ServerCommand } from './monitor.js';

export { clientAddress, type ServerCommand } from './monitor.js';

/**
 * Every command the server ran for the code under test while `work` was in flight, on
 * whichever connection the code sent it (a `duplicate()` included), with the commands its
 * scripts ran inside the server. Unlike `recordCommands` (lab-redis.ts), which sees one
 * client's side, this is the server's word.
 */
export function serverCommandsDuring<T>(redis: LabRedis, work: () => Promise<T>): Promise<{ result: T; commands: ServerCommand[] }> {
  return redis.log.during(work);
}
