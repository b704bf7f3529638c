import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
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
  /** The arguments as MONITOR printed them, quoted and escaped: enough to ask whether a key prefix appears. */
  argsText: string;
  /** When the server ran it, by the server's clock, in ms (fractional): gaps between a client's commands. */
  atMs: number;
}

export const SCRIPT_CALLS = new Set(['EVAL', 'EVALSHA', 'EVAL_RO', 'EVALSHA_RO', 'FCALL', 'FCALL_RO']);

const encode = (words: string[]) => `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`;

/** Where a MONITOR connects: the server of an ioredis client, with its credentials. */
export interface MonitorServer {
  host: string;
  port: number;
  username?: string;
  password?: string;
  tls?: ConnectionOptions;
}

export function monitorServerOf(client: Redis): MonitorServer {
  const { host = '127.0.0.1', port = 6379, username, password, tls } = client.options;
  return { host, port, ...(username ? { username } : {}), ...(password ? { password } : {}), ...(tls ? { tls } : {}) };
}

/**
 * Opens a connection to `server`, sends MONITOR, and hands each command line the server
 * prints (without its `+`) to `onLine`, in the order the server ran them. It speaks to
 * Redis over a plain socket: ioredis's own monitor() can mistake the first lines of a busy
 * server for replies ("Command queue state error"). MONITOR slows the server while it is on.
 * `name` names the connection, for CLIENT LIST.
 */
export function openMonitor(server: MonitorServer, onLine: (line: string) => void, name?: string): Promise<Socket> {
  const { host, port, username, password, tls } = server;
  const commands = [...(password ? [username ? ['AUTH', username, password] : ['AUTH', password]] : []), ...(name ? [['CLIENT', 'SETNAME', name]] : []), ['MONITOR']];
  const socket = tls ? connectTls({ host, port, ...tls }) : connectTcp({ host, port });
  return readMonitorLines(socket, commands.map(encode).join(''), commands.length, onLine);
}

/**
 * MONITOR through the run's hub (harness/services/monitor-hub.ts): the same lines, only
 * those that concern `subscription`'s file. `add(addresses)` names connections of the file's
 * code the hub could not have seen being named.
 */
export async function openHubMonitor(hubUrl: string, subscription: object, onLine: (line: string) => void): Promise<{ socket: Socket; add(addresses: string[]): void }> {
  const { hostname, port } = new URL(hubUrl);
  const socket = await readMonitorLines(connectTcp({ host: hostname, port: Number(port), noDelay: true }), `${JSON.stringify(subscription)}\n`, 1, onLine);
  return { socket, add: (addresses) => void socket.write(`${JSON.stringify({ add: addresses })}\n`) };
}

/** Sends `hello`, waits for `acks` +OK replies, then hands every later line to `onLine` without its `+`. */
function readMonitorLines(socket: Socket, hello: string, acks: number, onLine: (line: string) => void): Promise<Socket> {
  socket.setEncoding('utf8');
  let pending = '';
  let acknowledged = 0; // the +OK of each command sent, then MONITOR's lines
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
        if (acknowledged < acks) {
          if (++acknowledged === acks) resolve(socket);
        } else onLine(line.slice(1));
      }
    });
    socket.write(hello);
  });
}

/** Hands `onCommand` each command a monitor's `onLine` receives. */
export const commandsOf = (onCommand: (command: ServerCommand) => void) => (line: string) => {
  const command = parseMonitorLine(line);
  if (command) onCommand(command);
};

/**
 * `1700000000.123 [0 127.0.0.1:5000] "SET" "k" "v"` -> { name: 'SET', args: ['k', 'v'], source: '127.0.0.1:5000', atMs: 1700000000123 }.
 * Every MONITOR sees every command on the server, other files' and other runs' too, and
 * most are dropped unread: the line is read by position up to the name, the arguments
 * only when asked for (a regex over whole lines, on every file's MONITOR at once, cost
 * seconds of CPU per verify).
 */
export function parseMonitorLine(line: string): ServerCommand | undefined {
  const open = line.indexOf(' [');
  const space = line.indexOf(' ', open + 2);
  const close = line.indexOf('] "', space);
  const nameEnd = close < 0 ? -1 : closingQuote(line, close + 3);
  if (open < 0 || space < 0 || nameEnd < 0) return undefined;
  const name = line.slice(close + 3, nameEnd);
  const argsText = line.slice(nameEnd + 1);
  let args: string[] | undefined;
  return {
    name: (name.includes('\\') ? unquote(name) : name).toUpperCase(),
    source: line.slice(space + 1, close),
    argsText,
    atMs: Number(line.slice(0, open)) * 1_000,
    get args() {
      return (args ??= [...argsText.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((word) => unquote(word[1]!)));
    },
  };
}

/** The index of the quote that closes a quoted word starting at `from`, past escapes such as \". */
function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return i;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b' };

/** A word as MONITOR quoted it, without the quotes, back to its bytes (\xHH, \n, \" ...). */
function unquote(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, code: string) =>
    code.length === 3 ? String.fromCharCode(parseInt(code.slice(1), 16)) : (ESCAPES[code] ?? code),
  );
}

/** The address the server sees for `client`, the `source` MONITOR gives its commands. */
export async function clientAddress(client: Redis): Promise<string> {
  const info = String(await client.call('CLIENT', 'INFO'));
  const addr = /(?:^|\s)addr=(\S+)/.exec(info)?.[1];
  if (!addr) throw new Error(`CLIENT INFO did not name an address: ${info}`);
  return addr;
}
