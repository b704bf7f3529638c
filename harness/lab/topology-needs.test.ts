// The course's own check on topologyNeeds: the labs that start clusters and Sentinels are
// read as such, with the exclusive files told apart, and a flag or a plain lab asks for none.
import { expect, it } from 'vitest';
import { topologyNeeds } from './topology-needs.js';

it('reads the clusters and Sentinels a run\'s files ask for, shared and exclusive, and nothing from other paths', () => {
  expect(topologyNeeds(['labs/12-cluster-and-hash-tags/'])).toEqual([
    { kind: 'cluster', exclusive: false },
    { kind: 'cluster', exclusive: true },
  ]);
  expect(topologyNeeds(['labs/12-cluster-and-hash-tags/pages.test.ts'])).toEqual([{ kind: 'cluster', exclusive: false }]);
  expect(topologyNeeds(['labs/13-operating-redis'])).toEqual([{ kind: 'sentinel', exclusive: true }]);
  expect(topologyNeeds(['labs/05-tags/', '-t', '05.1', 'no/such/path'])).toEqual([]);
});
