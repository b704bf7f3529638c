import { SCRIPT_CALLS, type ServerCommand } from './monitor.js';

/** What Redis ran as one indivisible step: a command, a MULTI ... EXEC block, or a script call with the commands it ran. */
export interface Step<C extends ServerCommand = ServerCommand> {
  /** In the order the server ran them; a block's without its MULTI and EXEC. */
  commands: C[];
  /** A MULTI block or a script: nothing of another client's ran in between. */
  atomic: boolean;
}

/**
 * Groups MONITOR's commands into the steps the server ran, in the order it ran them (a
 * MULTI block when its EXEC came). Blocks are told apart by connection; a DISCARDed block
 * ran nothing and is left out; the commands a script ran join its call. `placeOf` keeps the
 * logs of several servers apart (the node of a cluster), for a merged log.
 */
export function atomicSteps<C extends ServerCommand>(commands: readonly C[], placeOf: (command: C) => string = () => ''): Step<C>[] {
  const steps: Step<C>[] = [];
  const blocks = new Map<string, Step<C>>(); // open MULTI blocks, by server and connection
  const scripts = new Map<string, Step<C>>(); // the latest script call, by server
  for (const command of commands) {
    const place = placeOf(command);
    const connection = `${place} ${command.source}`;
    const block = blocks.get(connection);
    const script = scripts.get(place);
    if (command.source === 'lua' && script) script.commands.push(command);
    else if (command.name === 'MULTI') blocks.set(connection, { commands: [], atomic: true });
    else if (block && (command.name === 'EXEC' || command.name === 'DISCARD')) {
      blocks.delete(connection);
      if (command.name === 'EXEC') steps.push(block);
    } else if (block) {
      block.commands.push(command);
      if (SCRIPT_CALLS.has(command.name)) scripts.set(place, block);
    } else {
      const step = { commands: [command], atomic: SCRIPT_CALLS.has(command.name) };
      steps.push(step);
      if (step.atomic) scripts.set(place, step);
    }
  }
  return steps;
}
