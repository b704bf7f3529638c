/**
 * Every Redis key lab 01 writes, in one place.
 *
 *   <prefix>product:<id>   string   the product as JSON, or the "missing" marker
 */
export const productKey = (prefix: string, id: number): string => `${prefix}product:${id}`;
