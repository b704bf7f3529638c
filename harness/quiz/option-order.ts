/**
 * The order one learner sees a question's options in: shuffled, so "always answer a"
 * is not a strategy, and stable for that learner, so a reload or a second run shows the
 * same order. The site (localStorage) and the terminal (.course/) each keep a random
 * seed per learner and derive every question's order from it. No Node APIs: this runs
 * in the browser too.
 */

/** A new seed: 8 random hex digits. */
export function newSeed(): string {
  return Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
}

/** FNV-1a: a 32-bit hash of text, enough to spread seeds across questions. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a small seeded generator with good spread for shuffling a handful of items. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * The display order of `count` options as indexes into the file's order: a Fisher-Yates
 * shuffle drawn from the learner's seed and the question's identity.
 */
export function optionOrder(seed: string, questionKey: string, count: number): number[] {
  const random = generator(hash(`${seed}:${questionKey}`));
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
