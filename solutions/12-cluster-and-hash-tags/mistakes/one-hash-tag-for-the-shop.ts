/**
 * Mistake: one hash tag for every key of the shop
 * Replaces: keys.ts
 * Caught by: 12.6
 *
 * The quickest way to make every CROSSSLOT error go away: put {shop} in every key. Every
 * MULTI and script is accepted, invalidations are atomic, and a small test passes. But
 * the whole shop now lives in one slot, on one primary: the other two idle, that node
 * takes every request and holds every byte, and no resharding can split a slot.
 */
export { lockKeyOf } from '../src/keys.js';

const shop = (keyPrefix: string) => `${keyPrefix}{shop}:`;

export const productPageKey = (keyPrefix: string, category: string, id: number): string => `${shop(keyPrefix)}${category}:product:${id}`;
export const categoryPageKey = (keyPrefix: string, category: string): string => `${shop(keyPrefix)}${category}:listing`;
export const tagSetKey = (keyPrefix: string, category: string, tag: string): string => `${shop(keyPrefix)}${category}:tag:${tag}`;
