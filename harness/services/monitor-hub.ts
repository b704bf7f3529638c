import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { openMonitor, parseMonitorLine, SCRIPT_CALLS, type MonitorServer } from '../lab/monitor.js';

/** What one test file asks the hub for: a server's commands that concern it (harness/lab/server-log.ts). */
export interface MonitorSubscription {
  server: MonitorServer;
  /** The file's own inspection connection (its markers come from there). */
  adminAddress: string;
  /** The connection name of every client the file hands its code. */
  codeName: string;
  /** The file's key prefix. */
  prefix: string;
}

interface Subscriber {
  socket: Socket;
  /** Lines for the file, written at once when the upstream's chunk has been read. */
  out: string;
  sub: MonitorSubscription;
  /** The file's connections: its admin's and its code's, as far as the hub knows. */
  addresses: Set<string>;
}

interface Upstream {
  key: string;
  socket: Promise<Socket>;
  subscribers: Set<Subscriber>;
  /** The client whose script is running: a script's commands come right after its call. */
  scriptCaller: string | undefined;
  /** Script commands seen before any call (older servers print them before it). */
  orphans: string[];
}

/**
 * One MONITOR per server for the whole run, instead of one per test file. MONITOR sends
 * every command the server runs to every monitoring connection, so each file's server log
 * parsed every other file's traffic as well, and the server formatted each command once
 * per file (a watch run of lab 03 had eleven MONITORs on). The hub reads each command once
 * and passes a file only what its server log can keep: commands from its own connections
 * (learned from CLIENT SETNAME, as the log learns them), every script call (the log
 * follows which client a script's commands belong to), the commands of its own
 * connections' scripts, and anything naming its prefix. Measured with npm run bench:watch,
 * a rerun of lab 03 after a save: 1.80 s with a MONITOR per file, 1.52 s through the hub.
 *
 * A file connects, sends its subscription as one line of JSON, and then reads what a
 * MONITOR connection would: `+OK`, then one `+<command>` line per command. Later lines of
 * JSON (`{"add": [address...]}`) name connections the file found some other way (CLIENT LIST).
 */
export class MonitorHub {
  private readonly upstreams = new Map<string, Upstream>();
  private readonly connections = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<MonitorHub> {
    const hub = new MonitorHub(createServer((socket) => hub.accept(socket)));
    await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
    hub.server.unref(); // never what keeps a run alive
    return hub;
  }

  /** The name of the hub's MONITOR connections, for CLIENT LIST: one per hub. */
  get name(): string {
    return `course-monitor-hub:${(this.server.address() as AddressInfo).port}`;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `tcp://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const upstream of [...this.upstreams.values()]) this.end(upstream);
    for (const socket of this.connections) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    socket.setEncoding('utf8');
    // A file waits for its marker to come back (ServerLog.sync): Nagle's delay would hold it.
    socket.setNoDelay(true);
    socket.on('error', () => {}); // a file that went away mid-run: its close below cleans up
    this.connections.add(socket);
    socket.on('close', () => this.connections.delete(socket));
    let subscriber: Subscriber | undefined;
    let pending = '';
    socket.on('data', (chunk: string) => {
      pending += chunk;
      for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 1);
        if (subscriber) this.update(subscriber, line);
        else subscriber = this.subscribe(socket, line);
      }
    });
  }

  private subscribe(socket: Socket, line: string): Subscriber | undefined {
    let sub: MonitorSubscription;
    try {
      sub = JSON.parse(line) as MonitorSubscription;
    } catch {
      socket.end('-ERR the monitor hub expects a subscription as one line of JSON\r\n');
      return undefined;
    }
    const upstream = this.upstreamFor(sub.server);
    const subscriber: Subscriber = { socket, out: '', sub, addresses: new Set([sub.adminAddress]) };
    // A file is passed lines only once it has its +OK, which comes once MONITOR is on.
    upstream.socket.then(
      () => {
        upstream.subscribers.add(subscriber);
        if (socket.destroyed) return this.unsubscribe(upstream, subscriber);
        socket.on('close', () => this.unsubscribe(upstream, subscriber));
        socket.write('+OK\r\n');
      },
      (error: unknown) => socket.end(`-ERR ${(error as Error).message.replace(/\s+/g, ' ')}\r\n`),
    );
    return subscriber;
  }

  private update(subscriber: Subscriber, line: string): void {
    try {
      for (const address of (JSON.parse(line) as { add?: string[] }).add ?? []) subscriber.addresses.add(address);
    } catch {
      // Not ours to judge: the file's log only misses what it asked for.
    }
  }

  private unsubscribe(upstream: Upstream, subscriber: Subscriber): void {
    upstream.subscribers.delete(subscriber);
    // MONITOR slows the server for everyone: off as soon as no file reads it.
    if (upstream.subscribers.size === 0) this.end(upstream);
  }

  /** Closes an upstream's MONITOR and the files reading it (a file's log then says its markers stopped coming). */
  private end(upstream: Upstream): void {
    if (this.upstreams.get(upstream.key) === upstream) this.upstreams.delete(upstream.key);
    for (const subscriber of upstream.subscribers) subscriber.socket.destroy();
    void upstream.socket.then((socket) => socket.destroy(), () => {});
  }

  private upstreamFor(server: MonitorServer): Upstream {
    const key = keyOf(server);
    let upstream = this.upstreams.get(key);
    if (!upstream) {
      const created: Upstream = { key, socket: openMonitor(server, (line) => this.route(created, line), this.name), subscribers: new Set(), scriptCaller: undefined, orphans: [] };
      // A MONITOR that could not start, or that the server closed, is opened again for the next file.
      created.socket.then((socket) => socket.on('close', () => this.end(created)), () => this.end(created));
      this.upstreams.set(key, (upstream = created));
    }
    return upstream;
  }

  /** Passes one command line (without its `+`) to the files it concerns. */
  private route(upstream: Upstream, line: string): void {
    const command = parseMonitorLine(line);
    if (!command) return;
    const { source, name } = command;
    const forward = `+${line}\r\n`;
    if (source === 'lua') {
      if (upstream.scriptCaller === undefined) {
        upstream.orphans.push(line);
        return;
      }
      for (const s of upstream.subscribers) if (s.addresses.has(upstream.scriptCaller) || line.includes(s.sub.prefix)) send(s, forward);
      return;
    }
    const isCall = SCRIPT_CALLS.has(name);
    if (isCall) {
      for (const orphan of upstream.orphans) for (const s of upstream.subscribers) if (s.addresses.has(source) || orphan.includes(s.sub.prefix)) send(s, `+${orphan}\r\n`);
    }
    upstream.orphans = [];
    upstream.scriptCaller = isCall ? source : undefined;
    const naming = name === 'CLIENT' && command.args[0]?.toUpperCase() === 'SETNAME' ? command.args[1] : undefined;
    for (const s of upstream.subscribers) {
      if (isCall || s.addresses.has(source) || line.includes(s.sub.prefix) || naming === s.sub.codeName) send(s, forward);
      // A connection naming itself: the file's code, or no longer (an address outlives its connection).
      if (naming === s.sub.codeName) s.addresses.add(source);
      else if (naming !== undefined && source !== s.sub.adminAddress) s.addresses.delete(source);
    }
  }
}

/** Queues `text` for the file: one write per chunk the server sent, not one per command. */
function send(subscriber: Subscriber, text: string): void {
  if (subscriber.out === '') queueMicrotask(() => {
    subscriber.socket.write(subscriber.out);
    subscriber.out = '';
  });
  subscriber.out += text;
}

const keyOf = (server: MonitorServer) => `${server.host}:${server.port}:${server.username ?? ''}`;
