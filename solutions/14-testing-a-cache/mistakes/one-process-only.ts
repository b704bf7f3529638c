/**
 * Mistake: updates are followed in the process that made them only
 * Replaces: checks.ts
 * Caught by: 14.15
 *
 * The reader in the middle of an UPDATE is the writer's own cache: a copy kept in process
 * memory is cleared by the writer itself after its commit, so this passes. Every other process keeps its old copy, and a check with one cache never
 * has another process.
 */
import { check } from '../../../labs/14-testing-a-cache/src/contract.js';
import { checks as reference, readDuringUpdate, readWhileUpdating } from '../src/checks.js';

const raceInOneProcess = check('after updatePrice the new price shows, even to a read made during the UPDATE', async (tools) => {
  const cache = tools.makeCache();
  await readWhileUpdating(tools, cache, cache);
});

export const checks = reference.map((c) => (c === readDuringUpdate ? raceInOneProcess : c));
