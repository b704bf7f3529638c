import type { Redis } from 'ioredis';
import { SCRIPT_CALLS, type ServerCommand } from './monitor.js';
import { atomicSteps } from './steps.js';

/**
 * Judges every write the code under test made during one test, as the server ran it:
 *   - a key it wrote under the lab's prefix must carry a TTL by the end of the step that
 *     wrote it (one command, one MULTI ... EXEC, or one script): SET then a separate
 *     EXPIRE leaves a window, and a crash in it leaves the key for ever;
 *   - it must not write outside the prefix at all.
 * The server's own command table (COMMAND INFO) says which commands write and where their
 * keys are, so any data type counts. Each key's expiry is followed through every command
 * on it, the suite's own included, since NX, GT, KEEPTTL and friends depend on what the
 * key already has.
 */
export interface WriteFinding {
  kind: 'no-ttl' | 'outside-prefix';
  key: string;
  /** The command that wrote it, shortened, e.g. `SET course:01:ab:product:8 {"id":8,...}`. */
  command: string;
}

export interface AuditOptions {
  prefix: string;
  /** Whether a command came from the code under test. */
  isCode: (command: ServerCommand) => boolean;
  /** Keys (relative to the prefix) that may live without a TTL, e.g. a write-behind buffer. */
  keysWithoutTtl?: RegExp;
}

interface CommandShape {
  writes: boolean;
  firstKey: number;
  lastKey: number;
  step: number;
}

const shapes = new Map<string, CommandShape | null>();

/** The server's word on a command: does it write, and which arguments are keys. */
async function shapeOf(admin: Redis, name: string): Promise<CommandShape | null> {
  if (!shapes.has(name)) {
    const [info] = (await admin.call('COMMAND', 'INFO', name)) as unknown[][];
    shapes.set(
      name,
      info ? { writes: (info[2] as string[]).includes('write'), firstKey: Number(info[3]), lastKey: Number(info[4]), step: Number(info[5]) } : null,
    );
  }
  return shapes.get(name) ?? null;
}

function keysOf(shape: CommandShape, args: string[]): string[] {
  if (shape.firstKey <= 0 || shape.step <= 0) return [];
  const last = shape.lastKey < 0 ? args.length + shape.lastKey + 1 : shape.lastKey;
  const keys: string[] = [];
  for (let i = shape.firstKey; i <= last && i <= args.length; i += shape.step) keys.push(args[i - 1]!);
  return keys;
}

interface KeyState {
  exists: boolean;
  ttl: boolean;
}

const EXPIRY_WORDS = new Set(['EX', 'PX', 'EXAT', 'PXAT']);

/** How one command changes whether its keys exist and carry a TTL. */
function apply(name: string, args: string[], keys: string[], state: Map<string, KeyState>): void {
  const get = (key: string) => state.get(key) ?? { exists: false, ttl: false };
  const words = args.map((arg) => arg.toUpperCase());
  const [key = ''] = keys;
  const now = get(key);
  switch (name) {
    case 'SET': {
      if ((words.includes('NX') && now.exists) || (words.includes('XX') && !now.exists)) return;
      const ttl = words.some((w) => EXPIRY_WORDS.has(w)) || (words.includes('KEEPTTL') && now.ttl);
      state.set(key, { exists: true, ttl });
      return;
    }
    case 'SETEX':
    case 'PSETEX':
      state.set(key, { exists: true, ttl: true });
      return;
    case 'GETEX':
      if (now.exists && words.includes('PERSIST')) state.set(key, { exists: true, ttl: false });
      else if (now.exists && words.some((w) => EXPIRY_WORDS.has(w))) state.set(key, { exists: true, ttl: true });
      return;
    case 'EXPIRE':
    case 'PEXPIRE':
    case 'EXPIREAT':
    case 'PEXPIREAT': {
      if (!now.exists) return;
      const flag = words[2];
      // GT treats "no TTL" as infinite, so it never adds one; XX needs one already.
      if ((flag === 'NX' && now.ttl) || ((flag === 'XX' || flag === 'GT') && !now.ttl)) return;
      const expiresNow = name.endsWith('AT') ? Number(args[1]) * (name === 'EXPIREAT' ? 1000 : 1) <= Date.now() : Number(args[1]) <= 0;
      state.set(key, expiresNow ? { exists: false, ttl: false } : { exists: true, ttl: true });
      return;
    }
    case 'PERSIST':
      if (now.exists) state.set(key, { exists: true, ttl: false });
      return;
    case 'DEL':
    case 'UNLINK':
    case 'GETDEL':
      for (const k of keys) state.set(k, { exists: false, ttl: false });
      return;
    case 'RENAME':
    case 'RENAMENX':
    case 'COPY': {
      const target = keys[1] ?? args[1] ?? '';
      if (name === 'RENAMENX' && get(target).exists) return;
      state.set(target, { ...now });
      if (name !== 'COPY') state.set(key, { exists: false, ttl: false });
      return;
    }
    default:
      // Any other write creates a missing key without a TTL and leaves an existing one's alone.
      for (const k of keys) if (!get(k).exists) state.set(k, { exists: true, ttl: false });
  }
}

const shorten = (command: ServerCommand) =>
  [command.name, ...command.args].map((word) => (word.length > 60 ? `${word.slice(0, 57)}...` : word)).join(' ').slice(0, 160);

export async function auditWrites(admin: Redis, commands: ServerCommand[], options: AuditOptions): Promise<WriteFinding[]> {
  const { prefix, isCode, keysWithoutTtl } = options;
  const state = new Map<string, KeyState>();
  const findings: WriteFinding[] = [];
  for (const { commands: step } of atomicSteps(commands)) {
    const written = new Map<string, ServerCommand>();
    for (const command of step) {
      if (SCRIPT_CALLS.has(command.name)) continue; // its effects are the commands it ran
      const shape = await shapeOf(admin, command.name);
      if (!shape?.writes) continue;
      const keys = keysOf(shape, command.args);
      apply(command.name, command.args, keys, state);
      if (!isCode(command)) continue;
      for (const key of keys) {
        if (!key.startsWith(prefix)) findings.push({ kind: 'outside-prefix', key, command: shorten(command) });
        else if (!written.has(key)) written.set(key, command);
      }
    }
    for (const [key, command] of written) {
      const now = state.get(key);
      if (now?.exists && !now.ttl && !keysWithoutTtl?.test(key.slice(prefix.length))) {
        findings.push({ kind: 'no-ttl', key, command: shorten(command) });
      }
    }
  }
  return findings;
}
