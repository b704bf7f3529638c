/**
 * Mistake: the stream path reads a missing temperature as 0
 * Replaces: completion-cache.ts
 * Caught by: 11.23
 *
 * The stream path has its own test for "sampled": `(request.temperature ?? 0) > 0`, no
 * temperature, no sampling. But the API reads a missing temperature as 1: a chat screen
 * that never sets it samples on every call, and its first stream is replayed to everyone
 * who asks the same. complete() knows the default; the stream path must use the same rule.
 */
import { keepingStreams } from './stream-caches-samples.js';

export const createCompletionCache = keepingStreams((request, cacheSampled) => cacheSampled || !((request.temperature ?? 0) > 0));
