// Lab 13: a Redis the suite can make misbehave. A TCP proxy in front of the course's
// Redis that passes commands through, holds them (a stalled server), answers them with
// an error, or drops every connection (a server that is down), and records what reached
// it: the server's own word on what the code sent. Not a suite.
import { createServer, type Server, type Socket, connect } from 'node:net';
import type { Address } from './src/contract.js';

export type ProxyMode = 'pass' | 'stall' | 'error' | 'down';

export interface SeenCommand {
  /** Lower case, e.g. 'get'. */
  name: string;
  args: string[];
}

/** How long INFO is answered as loading: well inside the ETA the client waits before asking again. */
const LOADING_ANSWERED_MS = 200;
/**
 * Sent upstream in place of INFO while loading: Redis echoes the text back as a bulk
 * string, as INFO answers, in its turn among the connection's replies. Redis reports
 * whole seconds; ioredis waits whatever ETA it is given, so 0.4 keeps the check short.
 */
const LOADING_INFO = '# Persistence\r\nloading:1\r\nloading_eta_seconds:0.4\r\n';
const ECHO_LOADING = Buffer.from(`*2\r\n$4\r\nECHO\r\n$${Buffer.byteLength(LOADING_INFO)}\r\n${LOADING_INFO}\r\n`);

/** Commands a client sends to set up a connection, not on behalf of a request. */
const CONNECTION_COMMANDS = new Set(['hello', 'auth', 'client', 'select', 'info', 'ping', 'quit', 'readonly', 'command']);

export class RedisProxy {
  /** Every command that reached the proxy, in order, whatever the mode did with it. */
  readonly commands: SeenCommand[] = [];
  /** The first bytes of every connection that opened with a TLS handshake. */
  readonly tlsHellos: Buffer[] = [];
  /** Connections accepted so far, refused ones included: a client's connection attempts. */
  connections = 0;
  /** When each of those connections arrived, by performance.now(). */
  readonly connectedAt: number[] = [];
  /** In 'pass', each command waits this long (real time) before it goes on. */
  delayMs = 0;
  /** In 'pass', commands with these names (lower case) wait this much longer (real time). */
  readonly slow = new Map<string, number>();
  /** In 'pass', commands with these names (lower case) are answered with an error instead. */
  refused = new Set<string>();
  /**
   * In 'pass', each connection's INFO is answered as by a server still loading its data,
   * 0.4 s to go, for 0.2 s from the first (a client's ready check): the client waits
   * those 0.4 s before it asks again and is ready, while INFO sent after the first 0.2 s
   * already reaches the real server. Not the first INFO alone: code that does
   * not wait for the ready check may send its own INFO just before it.
   */
  loadingOnConnect = false;
  /** Called as each command reaches the proxy, before the mode decides what to do with it. */
  onArrive: (command: SeenCommand) => void = () => {};
  /** Called as each command is passed on, before its reply can come back. */
  onForward: (command: SeenCommand) => void = () => {};
  private current: ProxyMode = 'pass';
  private readonly links = new Set<Link>();

  private constructor(
    private readonly server: Server,
    private readonly upstream: Address,
    readonly address: Address,
  ) {}

  static async start(upstream: Address): Promise<RedisProxy> {
    // As Redis does, every reply is sent at once: with Nagle's algorithm on, fifty
    // commands in flight waited tens of milliseconds for ACKs (13.12's reads, 0.5 s).
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const proxy = new RedisProxy(server, upstream, { host: '127.0.0.1', port });
    server.on('connection', (socket) => proxy.accept(socket));
    return proxy;
  }

  get mode(): ProxyMode {
    return this.current;
  }

  /** Changes what happens to commands from now on; commands held by a stall go on when it ends. */
  set(mode: ProxyMode): void {
    this.current = mode;
    if (mode === 'down') for (const link of this.links) link.close();
    else if (mode !== 'stall') for (const link of this.links) link.flushHeld();
  }

  /** Commands sent on behalf of requests (reads, writes), without connection set-up. */
  dataCommands(): SeenCommand[] {
    return this.commands.filter((c) => !CONNECTION_COMMANDS.has(c.name));
  }

  /** Commands held by a stall, waiting for an answer that has not come. */
  get held(): number {
    return [...this.links].reduce((sum, link) => sum + link.heldCount, 0);
  }

  async close(): Promise<void> {
    for (const link of this.links) link.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.connections += 1;
    this.connectedAt.push(performance.now());
    socket.on('error', () => {});
    if (this.current === 'down') {
      socket.resetAndDestroy();
      return;
    }
    const link = new Link(socket, this.upstream, this);
    this.links.add(link);
    socket.on('close', () => this.links.delete(link));
  }

  /** What a link does with one complete command. */
  route(link: Link, command: SeenCommand, raw: Buffer): void {
    this.commands.push(command);
    this.onArrive(command);
    if (this.current === 'error' || (this.current === 'pass' && this.refused.has(command.name))) {
      link.reply(`-ERR injected failure: the suite made this Redis answer with errors\r\n`);
    }
    else if (this.current === 'stall') link.hold(command, raw);
    else link.forward(command, this.loadingOnConnect && link.loadingInfo(command) ? ECHO_LOADING : raw, this.delayMs + (this.slow.get(command.name) ?? 0));
  }

  forwarded(command: SeenCommand): void {
    this.onForward(command);
  }

  sawTls(hello: Buffer): void {
    this.tlsHellos.push(hello);
  }
}

/** One client connection and its connection to the real Redis. */
class Link {
  private buffer = Buffer.alloc(0);
  private readonly upstream: Socket;
  private readonly heldCommands: { command: SeenCommand; raw: Buffer }[] = [];
  private chain = Promise.resolve();
  private first = true;
  /** When the connection's first INFO arrived, by performance.now(). */
  private firstInfoAt: number | undefined;

  constructor(
    private readonly client: Socket,
    upstream: Address,
    private readonly proxy: RedisProxy,
  ) {
    this.upstream = connect({ port: upstream.port, host: upstream.host, noDelay: true });
    this.upstream.on('error', () => this.close());
    this.upstream.on('data', (data) => client.write(data));
    this.upstream.on('close', () => client.destroy());
    client.on('close', () => this.upstream.destroy());
    client.on('data', (data) => this.receive(data));
  }

  get heldCount(): number {
    return this.heldCommands.length;
  }

  reply(text: string): void {
    this.client.write(text);
  }

  hold(command: SeenCommand, raw: Buffer): void {
    this.heldCommands.push({ command, raw });
  }

  flushHeld(): void {
    for (const { command, raw } of this.heldCommands.splice(0)) this.forward(command, raw, 0);
  }

  forward(command: SeenCommand, raw: Buffer, delayMs: number): void {
    // Chained, so a delay never lets a later command overtake an earlier one.
    this.chain = this.chain.then(async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      this.proxy.forwarded(command);
      this.upstream.write(raw);
    });
  }

  /** Whether `command` is an INFO of the half second from the connection's first: the loading time. */
  loadingInfo(command: SeenCommand): boolean {
    if (command.name !== 'info') return false;
    this.firstInfoAt ??= performance.now();
    return performance.now() - this.firstInfoAt < LOADING_ANSWERED_MS;
  }

  /** Ends both sides; the client sees a reset (ECONNRESET), as when a server dies. */
  close(): void {
    if (!this.client.destroyed) this.client.resetAndDestroy();
    this.upstream.destroy();
  }

  private receive(data: Buffer): void {
    if (this.first && data[0] === 0x16) {
      this.proxy.sawTls(data);
      this.close();
      return;
    }
    this.first = false;
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const parsed = parseCommand(this.buffer);
      if (!parsed) return;
      this.buffer = this.buffer.subarray(parsed.length);
      this.proxy.route(this, parsed.command, parsed.raw);
    }
  }
}

/** One RESP array of bulk strings from the front of `buffer`, or null when it is not all there yet. */
function parseCommand(buffer: Buffer): { command: SeenCommand; raw: Buffer; length: number } | null {
  const line = (from: number) => {
    const end = buffer.indexOf('\r\n', from);
    return end < 0 ? null : { text: buffer.toString('latin1', from + 1, end), next: end + 2 };
  };
  const head = line(0);
  if (!head) return null;
  const parts: string[] = [];
  let at = head.next;
  for (let i = 0; i < Number(head.text); i += 1) {
    const size = line(at);
    if (!size) return null;
    const end = size.next + Number(size.text);
    if (buffer.length < end + 2) return null;
    parts.push(buffer.toString('utf8', size.next, end));
    at = end + 2;
  }
  const [name = '', ...args] = parts;
  return { command: { name: name.toLowerCase(), args }, raw: buffer.subarray(0, at), length: at };
}
