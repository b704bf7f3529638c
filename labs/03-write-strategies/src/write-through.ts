// Lab 03: write-through. A write changes Postgres and puts the new row in Redis, so the
// next read is a hit that already shows it.
import {
  PRODUCT_TTL_SECONDS,
  selectProduct,
  updateProductPrice,
  type Catalog,
  type CatalogOptions,
} from './contract.js';
import { readProduct } from './read-product.js';

export function createWriteThroughCatalog({ redis, db, keyPrefix, load }: CatalogOptions): Catalog {
  const keyOf = (id: number) => `${keyPrefix}product:${id}`;
  const loadProduct = load ?? ((id: number) => selectProduct(db, id));
  const getProduct = (id: number) => readProduct(redis, keyOf(id), () => loadProduct(id));

  return {
    getProduct,

    async updatePrice(id, priceCents) {
      const current = await getProduct(id);
      if (current === null) return null;
      // TODO(03): Redis hears of the change before Postgres has accepted it. If the
      // UPDATE fails, what does every reader see for the next hour?
      // TODO(03): a reader that loaded the old row before this write can still overwrite
      // this value with it afterwards (the same race as in read-product.ts).
      await redis.set(keyOf(id), JSON.stringify({ ...current, priceCents }), 'EX', PRODUCT_TTL_SECONDS);
      return updateProductPrice(db, id, priceCents);
    },

    settled: async () => {},
  };
}
