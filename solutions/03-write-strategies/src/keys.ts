/**
 * Every Redis key lab 03 writes, in one place. The `{...}` part is a hash tag: keys that
 * one Lua script or MULTI touches together must share it, or Redis Cluster refuses the
 * call (lesson 12). Locally it changes nothing.
 *
 * The catalog (cache entries: every one has a TTL)
 *   <prefix>product:{<id>}         string  the product as JSON
 *   <prefix>product:{<id>}:fence   string  a counter bumped by every write; a reader may
 *                                          fill the cache only if it has not moved
 *
 * The write-behind view counter (the only copy of recent views: no TTL, never evicted)
 *   <prefix>{views}:pending        hash    product id -> views not yet claimed by a flush
 *   <prefix>{views}:batch:<uuid>   hash    views claimed by one flush, kept until applied
 *   <prefix>{views}:batches        list    the claimed batch keys still to apply, oldest first
 */

export interface ProductKeys {
  value: string;
  fence: string;
}

export const productKeys = (prefix: string, id: number): ProductKeys => {
  const base = `${prefix}product:{${id}}`;
  return { value: base, fence: `${base}:fence` };
};

export interface ViewKeys {
  pending: string;
  batches: string;
  batch(id: string): string;
}

export const viewKeys = (prefix: string): ViewKeys => ({
  pending: `${prefix}{views}:pending`,
  batches: `${prefix}{views}:batches`,
  batch: (id) => `${prefix}{views}:batch:${id}`,
});
