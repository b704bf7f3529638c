/**
 * Mistake: -0 is written as a plain JSON number
 * Replaces: types.ts
 * Caught by: 09.3
 *
 * Numbers are what JSON does well, so they get no tag. But JSON.stringify(-0) is "0":
 * the sign is gone, and code that divides by a cached -0, or tells a price change of -0
 * from 0 with Object.is, sees another number on a hit than on a miss. -0 needs a tag.
 */
import { TYPE_RULES as ALL } from '../src/types.js';

export type { Json, TypeRule } from '../src/types.js';

export const TYPE_RULES = ALL.filter((rule) => rule.tag !== '-0');
