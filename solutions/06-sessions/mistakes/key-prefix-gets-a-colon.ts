/**
 * Mistake: a keyPrefix without a trailing ':' gets one added
 * Replaces: keys.ts
 * Caught by: 06.4
 *
 * Turning `myapp` into `myapp:` looks like a kindness: keys read `myapp:sess:<id>` either
 * way, and every prefix the checks usually pass already ends with ':'. But the interface
 * says where a session lives, `${keyPrefix}sess:<id>`, and anything else that relies on
 * it (a "log out everywhere" scan, a second service, a key-space ACL granted on that
 * prefix) looks in the wrong place. A prefix is used exactly as given.
 */
import { SESSION_KEY_SEGMENT } from '../../../labs/06-sessions/src/contract.js';

export const sessionKeyPrefix = (prefix: string): string => `${prefix.endsWith(':') ? prefix : `${prefix}:`}${SESSION_KEY_SEGMENT}`;
