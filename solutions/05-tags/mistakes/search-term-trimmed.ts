/**
 * Mistake: the search term trimmed before it is searched, keyed and titled
 * Replaces: catalog-pages.ts
 * Caught by: 05.1
 *
 * Users type stray blanks, and trimming them means " grinder" and "grinder" share one
 * cached page: fewer renders, a tidier title. But the README's search is "names containing
 * term" and its page is titled with the term as asked; " grinder" matches only names with
 * a blank before "grinder", so the shared page can list products the search did not ask
 * for, under a title the caller did not give. Normalising input is the caller's decision,
 * made before it calls searchPage, not a cache's.
 */
import type { CatalogPages, CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';
import { createCatalogPages as createReal } from '../src/catalog-pages.js';

export function createCatalogPages(options: CatalogPagesOptions): CatalogPages {
  const real = createReal(options);
  return { ...real, searchPage: (term) => real.searchPage(term.trim()) };
}
