// Lab 14, part 2: your checks against copies of the cache broken in updatePrice: the cached copy
// kept, kept in process memory, every product cleared, or deleted before the UPDATE
// (the list and the grading are in broken-caches.support.ts).
import { useLab } from '../../harness/lab/use-lab.js';
import { gradeBrokenCaches } from './broken-caches.support.js';
import { LAB_OPTIONS } from './grading.support.js';

gradeBrokenCaches(useLab('14', LAB_OPTIONS), 'writes');
