// Lab 12: where each key lives. On one Redis any name will do; on a cluster a key's name
// decides its hash slot, and so its primary, and which keys one step may touch together.

// TODO(12): page keys carry no hash tag, so each page hashes to a slot of its own, apart
//           from the tag sets that list it: no MULTI or script may touch both.
export const productPageKey = (keyPrefix: string, category: string, id: number): string =>
  `${keyPrefix}page:${category}:product:${id}`;

export const categoryPageKey = (keyPrefix: string, category: string): string => `${keyPrefix}page:${category}:listing`;

// TODO(12): {tags} puts every tag set of the whole shop in one slot, on one primary: the
//           hottest slot of the cluster, and still not the slot of the pages it lists.
export const tagSetKey = (keyPrefix: string, category: string, tag: string): string =>
  `${keyPrefix}{tags}:${category}:${tag}`;

export const lockKeyOf = (pageKey: string): string => `${pageKey}:lock`;
