// Lab 14, part 2: your checks against copies of the cache broken on a stalled Redis: a read or an
// update that waits as long as Redis does (its grading check waits out your bound), or an update
// that rejects after committing (the list and the grading are in broken-caches.support.ts).
import { useLab } from '../../harness/lab/use-lab.js';
import { gradeBrokenCaches } from './broken-caches.support.js';
import { LAB_OPTIONS } from './grading.support.js';

gradeBrokenCaches(useLab('14', LAB_OPTIONS), 'stalls');
