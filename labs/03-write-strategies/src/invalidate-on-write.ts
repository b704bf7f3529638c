// Lab 03: invalidate-on-write. A write changes Postgres; no reader may see the old price after it.
// Fix the TODOs; `npm test labs/03-write-strategies` says which checks still fail.
import { selectProduct, updateProductPrice, type Catalog, type CatalogOptions } from './contract.js';
import { readProduct } from './read-product.js';

export function createInvalidatingCatalog({ redis, db, keyPrefix, load }: CatalogOptions): Catalog {
  const keyOf = (id: number) => `${keyPrefix}product:${id}`;
  const loadProduct = load ?? ((id: number) => selectProduct(db, id));

  return {
    getProduct: (id) => readProduct(redis, keyOf(id), () => loadProduct(id)),

    async updatePrice(id, priceCents) {
      // TODO(03): Postgres has the new price, Redis keeps the old one for up to an hour.
      // What must happen to the cached copy, and before or after the UPDATE commits?
      return updateProductPrice(db, id, priceCents);
    },

    // TODO(03): if your design puts cache work off for later (a delayed second delete),
    // resolve this only once that work is done. Otherwise leave it as it is.
    settled: async () => {},
  };
}
