// The course's own check on atomicSteps: MONITOR's lines grouped into what the server ran
// whole, with blocks of two connections interleaved, a discarded block, scripts, and the
// logs of two servers merged.
import { expect, it } from 'vitest';
import type { ServerCommand } from './monitor.js';
import { atomicSteps } from './steps.js';

const run = (source: string, line: string, place = ''): ServerCommand & { place: string } => {
  const [name, ...args] = line.split(' ');
  return { name: name!, args, source, argsText: args.join(' '), atMs: 0, place };
};
const shown = (steps: ReturnType<typeof atomicSteps>) => steps.map((step) => `${step.atomic ? '!' : ''}${step.commands.map((c) => [c.name, ...c.args].join(' ')).join('; ')}`);

it('groups a MULTI block per connection at its EXEC, leaves a DISCARDed one out, and joins a script with what it ran', () => {
  const log = [
    run('a', 'MULTI'),
    run('b', 'GET k0'),
    run('a', 'SET k1 v'),
    run('b', 'MULTI'),
    run('b', 'SET k9 v'),
    run('a', 'EXPIRE k1 60'),
    run('b', 'DISCARD'),
    run('a', 'EXEC'),
    run('c', 'EVALSHA abc 1 k2'),
    run('lua', 'SET k2 v'),
    run('lua', 'PEXPIRE k2 500'),
    run('c', 'SET k3 v'),
    run('a', 'MULTI'),
    run('a', 'EVAL src 1 k4'),
    run('lua', 'DEL k4'),
    run('a', 'EXEC'),
  ];
  expect(shown(atomicSteps(log))).toEqual(['GET k0', '!SET k1 v; EXPIRE k1 60', '!EVALSHA abc 1 k2; SET k2 v; PEXPIRE k2 500', 'SET k3 v', '!EVAL src 1 k4; DEL k4']);
});

it('keeps the logs of two servers apart when told where each command ran', () => {
  const log = [run('a', 'EVAL s 1 x', 'n1'), run('a', 'EVAL s 1 y', 'n2'), run('lua', 'DEL x', 'n1'), run('lua', 'DEL y', 'n2')];
  expect(shown(atomicSteps(log, (c) => c.place))).toEqual(['!EVAL s 1 x; DEL x', '!EVAL s 1 y; DEL y']);
});
