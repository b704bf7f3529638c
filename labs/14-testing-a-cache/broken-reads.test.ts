// Lab 14, part 2: your checks against copies of the cache broken in getProduct: what it leaves
// in Redis (no TTL, the wrong one, keys outside the prefix, a TTL that hits renew), what a hit
// returns, and what it remembers of a missing product or a failing SELECT
// (the list and the grading are in broken-caches.support.ts).
import { useLab } from '../../harness/lab/use-lab.js';
import { gradeBrokenCaches } from './broken-caches.support.js';
import { LAB_OPTIONS } from './grading.support.js';

gradeBrokenCaches(useLab('14', LAB_OPTIONS), 'reads');
