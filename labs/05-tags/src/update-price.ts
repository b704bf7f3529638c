// Lab 05: a price change, and what it does to the cache.
import { pageKey, updateProductPrice, type CatalogPagesOptions, type Product } from './contract.js';

export async function updatePrice(
  { redis, db, keyPrefix }: CatalogPagesOptions,
  id: number,
  priceCents: number,
): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  // TODO(05): only the product's own page goes. The category listing and every search
  // result that shows this product keep the old price until their TTL ends.
  await redis.del(pageKey(keyPrefix, `product:${id}`));
  return product;
}
