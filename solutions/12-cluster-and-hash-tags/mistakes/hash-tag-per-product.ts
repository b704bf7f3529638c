/**
 * Mistake: a product's page and its tag set share the product's hash tag
 * Replaces: keys.ts
 * Caught by: 12.1, 12.2
 *
 * A narrow hash tag per product spreads the keys well, and "keep a product's keys
 * together" sounds right. But a product page is also listed under its category's tag, and
 * a listing under every product's: the keys one MULTI must write span several products,
 * hence several slots. The unit of a hash tag is what one step must touch together: here
 * the category.
 */
export { lockKeyOf } from '../src/keys.js';

export const productPageKey = (keyPrefix: string, category: string, id: number): string => `${keyPrefix}{product:${id}}:page:${category}`;
export const categoryPageKey = (keyPrefix: string, category: string): string => `${keyPrefix}{category:${category}}:page`;
export const tagSetKey = (keyPrefix: string, category: string, tag: string): string => `${keyPrefix}{${tag}}:tag:${category}`;
