/**
 * Mistake: each process remembers the memberships it wrote, and forgets them when it invalidates
 * Replaces: catalog-pages.ts
 * Caught by: 05.18
 *
 * A page is re-cached every few minutes with the same tags, so the process remembers
 * "this page is listed under that tag" and skips the SADD next time. It has learned the
 * obvious lesson, too: when it invalidates a tag it forgets that tag's memberships, so
 * its own re-cached pages are listed again. But the other processes invalidate tags
 * as well, and this one never hears of it: after process B's price change, process A
 * re-caches the page without listing it, and B's next price change cannot find it.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { pageKey, productTag, tagKey } from '../../../labs/05-tags/src/contract.js';
import { cachedPage } from '../src/cached-page.js';
import { catalogPages } from '../src/catalog-pages.js';

const listed = new Map<string, Set<string>>(); // tag set -> page keys this process listed in it

/** The solution's pages, cached under only the tags this process does not remember listing. */
export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const { redis, keyPrefix } = options;
  const forget = (tag: string) => listed.delete(tagKey(keyPrefix, tag));

  const pages = catalogPages(options, async (page, ttlSeconds, render) => {
    const key = pageKey(keyPrefix, page);
    let unlisted: string[] = [];
    const html = await cachedPage(redis, keyPrefix, page, ttlSeconds, async () => {
      const fresh = await render();
      unlisted = fresh?.tags.filter((tag) => !listed.get(tagKey(keyPrefix, tag))?.has(key)) ?? [];
      return fresh && { html: fresh.html, tags: unlisted };
    });
    for (const tag of unlisted) {
      const set = tagKey(keyPrefix, tag);
      if (!listed.has(set)) listed.set(set, new Set());
      listed.get(set)!.add(key);
    }
    return html;
  });

  return {
    ...pages,
    updatePrice: async (id, priceCents) => {
      const product = await pages.updatePrice(id, priceCents);
      forget(productTag(id));
      return product;
    },
    invalidateTag: async (tag) => {
      await pages.invalidateTag(tag);
      forget(tag);
    },
  };
}
