/**
 * Mistake: a waiter reads the cache every quarter of a second
 * Replaces: load-once.ts
 * Caught by: 11.13
 *
 * Once a second is plainly slow, so this waiter reads four times as often, which still
 * sounds generous next to a model call of seconds, and its pauses are far from the long
 * ones a check on gaps would notice. But each answer still reaches the waiter up to a
 * quarter of a second after it was stored, and when the holder's call fails nobody takes
 * over for as long: the README's pace is every few tens of ms, never 100 ms apart. A read
 * costs Redis one GET.
 */
import type { Upstream } from '../src/load-once.js';
import { pollingEvery } from './waiters-poll-every-second.js';

export type { Upstream };

export const loadOnce = pollingEvery(250);
