import {
  selectProduct,
  type CatalogOptions,
  type Product,
} from '../../../labs/03-write-strategies/src/contract.js';
import { productKeys, type ProductKeys } from './keys.js';
import { readProduct } from './read-product.js';

export interface CatalogReads {
  keysOf(id: number): ProductKeys;
  getProduct(id: number): Promise<Product | null>;
}

/** What both catalogs share: where a product's keys live, and the fenced cache-aside read. */
export function catalogReads({ redis, db, keyPrefix, load }: CatalogOptions): CatalogReads {
  const loadProduct = load ?? ((id: number) => selectProduct(db, id));
  const keysOf = (id: number) => productKeys(keyPrefix, id);
  return { keysOf, getProduct: (id) => readProduct(redis, keysOf(id), () => loadProduct(id)) };
}
