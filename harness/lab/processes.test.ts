// The course's own check on separateProcesses(): each simulated process has its own module state.
import { expect, it } from 'vitest';
import { separateProcesses } from './processes.js';

it('separateProcesses loads a module once per process: module-level state is not shared', async () => {
  const [a, b] = await separateProcesses(2, () => import('./fixtures/module-counter.js'));
  a!.bump();
  a!.bump();
  b!.bump();
  expect([a!.count(), b!.count()]).toEqual([2, 1]);
});
