import { randomBytes } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Redis } from 'ioredis';
import type { LabRedis } from './lab-redis.js';

/** One command the server ran, as MONITOR reported it. */
export interface ServerCommand {
  /** Upper case, e.g. `KEYS`. */
  name: string;
  args: string[];
  /** The sending client's address as the server sees it (`ip:port`), or `lua` for a command a script ran. */
  source: string;
  /** For a command a script ran: the address of the client whose EVAL, EVALSHA or FCALL started the script. */
  scriptOf?: string;
}

const SCRIPT_CALLS = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

/** The address the server sees for `client`, the `source` MONITOR gives its commands. */
export async function clientAddress(client: Redis): Promise<string> {
  const info = String(await client.call('CLIENT', 'INFO'));
  const addr = /(?:^|\s)addr=(\S+)/.exec(info)?.[1];
  if (!addr) throw new Error(`CLIENT INFO did not name an address: ${info}`);
  return addr;
}

/**
 * Every command the server ran while `work` was in flight, read with MONITOR on a
 * connection of its own. Unlike `recordCommands` (lab-redis.ts), this also sees the
 * commands a Lua script runs inside the server, and says which client started the
 * script. MONITOR reports every client of a possibly shared server and slows it while
 * it is on: keep `work` short, and filter by `clientAddress(yourClient)`.
 *
 * It speaks to Redis over a plain socket: ioredis's own monitor() can mistake the first
 * lines of a busy server for replies ("Command queue state error").
 */
export async function serverCommandsDuring<T>(
  redis: LabRedis,
  work: () => Promise<T>,
): Promise<{ result: T; commands: ServerCommand[] }> {
  const seen: ServerCommand[] = [];
  const marker = `end-of-work:${randomBytes(6).toString('hex')}`;
  let sawMarker!: () => void;
  const markerSeen = new Promise<void>((resolve) => (sawMarker = resolve));
  const socket = await openMonitor(redis.admin, (line) => {
    const parsed = parseMonitorLine(line);
    if (!parsed) return;
    if (parsed.name === 'ECHO' && parsed.args[0] === marker) sawMarker();
    else seen.push(parsed);
  });
  try {
    const result = await work();
    // MONITOR reports in execution order: once the marker arrives, all that `work` caused has too.
    await redis.admin.echo(marker);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('MONITOR did not report the end marker within 2 s')), 2_000);
    });
    await Promise.race([markerSeen, late]).finally(() => clearTimeout(timer));
    return { result, commands: attributeScripts(seen) };
  } finally {
    socket.destroy();
  }
}

const encode = (words: string[]) => `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`;

/** Opens a connection like `admin`'s, sends MONITOR, and hands each reported line to `onLine`. */
function openMonitor(admin: Redis, onLine: (line: string) => void): Promise<Socket> {
  const { host = '127.0.0.1', port = 6379, username, password, tls } = admin.options;
  const commands = [...(password ? [username ? ['AUTH', username, password] : ['AUTH', password]] : []), ['MONITOR']];
  const socket = tls ? connectTls({ host, port, ...tls }) : connectTcp({ host, port });
  socket.setEncoding('utf8');
  let pending = '';
  let acknowledged = 0; // the +OK of each command above, then MONITOR's lines
  return new Promise((resolve, reject) => {
    socket.on('error', reject); // after MONITOR is on, a late error only ends the stream
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\r\n'); end >= 0; end = pending.indexOf('\r\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (line.startsWith('-')) {
          socket.destroy();
          reject(new Error(`MONITOR was refused: ${line.slice(1)}`));
          return;
        }
        if (acknowledged < commands.length) {
          if (++acknowledged === commands.length) resolve(socket);
        } else {
          onLine(line.slice(1));
        }
      }
    });
    socket.write(commands.map(encode).join(''));
  });
}

/** `1700000000.123 [0 127.0.0.1:5000] "SET" "k" "v"` -> { name: 'SET', args: ['k', 'v'], source: '127.0.0.1:5000' } */
function parseMonitorLine(line: string): ServerCommand | undefined {
  const match = /^\S+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
  if (!match) return undefined;
  const words: string[] = [];
  const text = match[2]!;
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b' };
  for (let i = text.indexOf('"'); i >= 0 && i < text.length; i = text.indexOf('"', i + 1)) {
    let word = '';
    for (i += 1; i < text.length && text[i] !== '"'; i += 1) {
      if (text[i] !== '\\') word += text[i];
      else if (text[i + 1] === 'x') (word += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16))), (i += 3);
      else (word += escapes[text[i + 1]!] ?? text[i + 1]), (i += 1);
    }
    words.push(word);
  }
  const [name = '', ...args] = words;
  return { name: name.toUpperCase(), args, source: match[1]! };
}

/**
 * A script's commands run as one uninterrupted block right after (or, on some server
 * versions, right before) the EVAL/FCALL that started it, so each `lua` command belongs
 * to the nearest script call around its block.
 */
function attributeScripts(commands: ServerCommand[]): ServerCommand[] {
  const caller = (from: number, step: 1 | -1) => {
    for (let i = from; i >= 0 && i < commands.length; i += step) {
      const c = commands[i]!;
      if (c.source !== 'lua') return SCRIPT_CALLS.has(c.name) ? c.source : undefined;
    }
    return undefined;
  };
  return commands.map((c, i) => {
    if (c.source !== 'lua') return c;
    const scriptOf = caller(i - 1, -1) ?? caller(i + 1, 1);
    return scriptOf ? { ...c, scriptOf } : c;
  });
}
