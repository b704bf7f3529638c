import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Redis } from 'ioredis';

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

export const SCRIPT_CALLS = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

const encode = (words: string[]) => `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`;

/**
 * Opens a connection like `admin`'s, sends MONITOR, and hands each command the server
 * runs to `onCommand`, in the order the server ran them. It speaks to Redis over a plain
 * socket: ioredis's own monitor() can mistake the first lines of a busy server for
 * replies ("Command queue state error"). MONITOR slows the server while it is on.
 */
export function openMonitor(admin: Redis, onCommand: (command: ServerCommand) => void): Promise<Socket> {
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
          const command = parseMonitorLine(line.slice(1));
          if (command) onCommand(command);
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

/** The address the server sees for `client`, the `source` MONITOR gives its commands. */
export async function clientAddress(client: Redis): Promise<string> {
  const info = String(await client.call('CLIENT', 'INFO'));
  const addr = /(?:^|\s)addr=(\S+)/.exec(info)?.[1];
  if (!addr) throw new Error(`CLIENT INFO did not name an address: ${info}`);
  return addr;
}
