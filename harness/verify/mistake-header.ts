import { BadInputError } from '../services/errors.js';

/** What a mistake file's header declares. */
export interface MistakeHeader {
  /** One line naming the mistake. */
  title: string;
  /** The module of solutions/NN/src it stands in for, e.g. `product-cache.ts`. */
  replaces: string;
  /** The check IDs that must fail against it, e.g. `01.3`. */
  caughtBy: string[];
}

/**
 * Reads the header every mistake opens with:
 *
 *   /**
 *    * Mistake: caches "not found" for as long as a real product
 *    * Replaces: product-cache.ts
 *    * Caught by: 01.5
 *    * ...why it looks right, and why it is wrong
 *    *\/
 */
export function readMistakeHeader(source: string, where: string): MistakeHeader {
  const field = (name: string) => source.match(new RegExp(`^\\s*\\*\\s*${name}:\\s*(.+)$`, 'm'))?.[1]?.trim();
  const title = field('Mistake');
  const replaces = field('Replaces');
  const caughtBy = field('Caught by')?.split(/[\s,]+/).filter(Boolean) ?? [];
  if (!title || !replaces || caughtBy.length === 0) {
    throw new BadInputError(
      `${where}: the header must have "Mistake:", "Replaces:" and "Caught by:" lines (see any file in solutions/01-cache-aside/mistakes/).`,
    );
  }
  return { title, replaces, caughtBy };
}
