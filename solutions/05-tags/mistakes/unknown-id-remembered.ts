/**
 * Mistake: an unknown product id is remembered in Redis under a key of its own
 * Replaces: catalog-pages.ts
 * Caught by: 05.1
 *
 * productPage(9999) still answers null, and the page key stays empty, as the README asks:
 * the marker only spares Postgres the next lookup of an id nobody sells. But the README
 * says an unknown id caches nothing, and the marker is listed under no tag: a product
 * created with that id later reads as unknown for ten minutes, and no price change or
 * invalidation can reach it.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { PAGE_TTL_SECONDS } from '../../../labs/05-tags/src/contract.js';
import { createCatalogPages as createReal } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, keyPrefix } = options;
  const pages = createReal(options);
  const productPage = async (id: number) => {
    const missing = `${keyPrefix}missing:product:${id}`;
    if ((await redis.exists(missing).catch(() => 0)) === 1) return null;
    const html = await pages.productPage(id);
    if (html === null) await redis.set(missing, '1', 'EX', PAGE_TTL_SECONDS.product).catch(() => {});
    return html;
  };
  return { ...pages, productPage };
}
