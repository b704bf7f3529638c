// Lab 14: which keys a command names, from the server's own command table (COMMAND), so
// the grader can tell, before a command is sent, whether it stays under a prefix. Not a suite.
import type { Command, Redis } from 'ioredis';

interface Shape {
  firstKey: number;
  lastKey: number;
  step: number;
  writes: boolean;
  /** Keys found by reading the arguments (EVAL's numkeys, ZUNIONSTORE's count...). */
  movable: boolean;
  /** Reaches the whole server: FLUSHDB, KEYS, CONFIG, CLIENT KILL, DEBUG... */
  serverWide: boolean;
  /** A script or function, or their management: what it touches is decided on the server. */
  scripting: boolean;
}

export interface CommandTable {
  /** The keys `command` writes. */
  writtenKeys(command: Command): string[];
  /** Why `command` reaches beyond `prefix`, or undefined when it stays under it. */
  reachBeyond(command: Command, prefix: string): string | undefined;
}

type Entry = [string, number, string[], number, number, number, string[], unknown, unknown, Entry[]?];

/** Read-only commands about the server that a check may fairly use. */
const HARMLESS = new Set(['info', 'ping', 'echo', 'time', 'dbsize']);
const SCRIPTS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);
/**
 * Commands that name no key outside the prefix and still leave it: another database
 * (SELECT, MOVE), any key of the server (RANDOMKEY), or the server's memory.
 */
const LEAVES_THE_PREFIX: Record<string, string> = {
  select: 'it switches to another database, shared like this one and outside the prefix',
  move: 'it moves a key to another database, outside the prefix',
  randomkey: 'it returns any key of the server, other suites\' keys included',
  'memory|purge': 'it acts on the whole server, not on keys under the prefix',
};

export async function commandTable(admin: Redis): Promise<CommandTable> {
  const shapes = new Map<string, Shape>();
  const add = (entry: Entry) => {
    const [name, , flags, firstKey, lastKey, step, categories, , , subcommands] = entry;
    shapes.set(name.toLowerCase(), {
      firstKey,
      lastKey,
      step,
      writes: flags.includes('write'),
      movable: flags.includes('movablekeys'),
      serverWide: categories.includes('@dangerous') || categories.includes('@admin'),
      scripting: categories.includes('@scripting'),
    });
    for (const sub of subcommands ?? []) add(sub);
  };
  for (const entry of (await admin.call('COMMAND')) as Entry[]) add(entry);

  const argsOf = (command: Command) => command.args.map(String);
  /** The container's subcommand (`object|encoding`) when there is one. */
  const shapeOf = (name: string, args: string[]) => shapes.get(`${name}|${args[0]?.toLowerCase()}`) ?? shapes.get(name);

  function keysOf(name: string, shape: Shape, args: string[]): string[] | undefined {
    if (SCRIPTS.has(name)) return args.slice(2, 2 + Number(args[1]));
    if (shape.movable) return undefined;
    if (shape.firstKey <= 0 || shape.step <= 0) return [];
    const last = shape.lastKey < 0 ? args.length + shape.lastKey + 1 : shape.lastKey;
    const keys: string[] = [];
    for (let i = shape.firstKey; i <= last && i <= args.length; i += shape.step) keys.push(args[i - 1]!);
    return keys;
  }

  return {
    writtenKeys(command) {
      const name = command.name.toLowerCase();
      const args = argsOf(command);
      const shape = shapeOf(name, args);
      if (!shape || !(shape.writes || SCRIPTS.has(name))) return [];
      return keysOf(name, shape, args) ?? [];
    },
    reachBeyond(command, prefix) {
      const name = command.name.toLowerCase();
      const args = argsOf(command);
      const shape = shapeOf(name, args);
      if (name === 'keys') return 'KEYS walks every key of a shared server and blocks it meanwhile; use SCAN with MATCH and the prefix';
      if (name === 'scan') {
        // Redis obeys the last MATCH it is given: every one of them must hold the prefix.
        const patterns = args.flatMap((arg, i) => (arg.toUpperCase() === 'MATCH' ? [args[i + 1] ?? ''] : []));
        return patterns.length > 0 && patterns.every((pattern) => pattern.startsWith(prefix))
          ? undefined
          : 'SCAN without MATCH <prefix>* reads other tests\' keys';
      }
      if (!shape) return 'the server does not know this command';
      if (shape.scripting) return 'a script or function touches keys the grader cannot see, and scripts are shared by the whole server';
      const leaves = LEAVES_THE_PREFIX[`${name}|${args[0]?.toLowerCase()}`] ?? LEAVES_THE_PREFIX[name];
      if (leaves) return leaves;
      if (name === 'copy' && args.some((arg) => arg.toUpperCase() === 'DB')) return 'it copies a key into another database, outside the prefix';
      if (shape.serverWide && !HARMLESS.has(name)) return 'it acts on the whole server, not on keys under the prefix';
      const keys = keysOf(name, shape, args);
      if (!keys) return 'which keys it touches depends on its arguments in a way the grader cannot follow; use a simpler command';
      const outside = keys.find((key) => !key.startsWith(prefix));
      return outside === undefined ? undefined : `it names the key ${outside}`;
    },
  };
}
