/**
 * Mistake: a count that Redis refuses is asked for once more before the policy decides
 * Replaces: sliding-window.ts
 * Caught by: 10.12
 *
 * An error reply comes back at once, so a second try costs the request almost nothing,
 * and a blip may be gone by then. But a Redis refusing writes (out of memory, a replica
 * after a failover) refuses the second just the same, and every request of every caller
 * now sends it two scripts instead of one, just when it is least able to take them.
 */
import { countRequest as countOnce } from '../src/sliding-window.js';

export type { Counted } from '../src/sliding-window.js';

export const countRequest: typeof countOnce = (...args) => countOnce(...args).catch(() => countOnce(...args));
