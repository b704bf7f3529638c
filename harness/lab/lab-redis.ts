import { createServer, type Server, type Socket } from 'node:net';
import { Command, Redis, type RedisOptions } from 'ioredis';
import { runOfKey } from '../services/live-run.js';
import { ServerLog } from './server-log.js';

export interface KeyState {
  key: string;
  /** Milliseconds left; -1 when the key never expires. */
  pttlMs: number;
}

/**
 * The lab's Redis: one key prefix per test file, clients that stand for separate
 * processes, and clients for a Redis that is down or stalled. Cleanup removes only keys
 * under the prefix (SCAN + UNLINK), never FLUSHDB: the server may hold other data.
 * Every client handed to the code under test carries the connection name `codeName`, so
 * `log` (what the server ran, from MONITOR) can tell the code's commands from the suite's.
 */
export class LabRedis {
  private readonly clients = new Set<Redis>();
  private readonly servers = new Set<Server>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly url: string,
    /** Every key the lab writes starts with this, e.g. `course:01:k3x9a2:`. */
    readonly prefix: string,
    /** A client for the suite's own inspection; the code under test never gets this one. */
    readonly admin: Redis,
    private readonly serverLog: ServerLog | undefined,
    /** The connection name of every client the code under test gets. */
    readonly codeName: string,
  ) {}

  /**
   * `monitor: false` skips the server log, for measurements MONITOR would slow down;
   * `monitorHub` is the run's (harness/services/monitor-hub.ts), which the log reads through.
   */
  static async open(url: string, prefix: string, { monitor = true, monitorHub }: { monitor?: boolean; monitorHub?: string } = {}): Promise<LabRedis> {
    const admin = new Redis(url);
    const codeName = `course-code:${prefix}`;
    const log = monitor ? await ServerLog.open(admin, codeName, prefix, monitorHub) : undefined;
    return new LabRedis(url, prefix, admin, log, codeName);
  }

  /** What the server ran for this file; see server-log.ts. */
  get log(): ServerLog {
    if (!this.serverLog) throw new Error('this LabRedis was opened with monitor: false');
    return this.serverLog;
  }

  key(name: string): string {
    return this.prefix + name;
  }

  /** A fresh connection, as a separate process of the app would have. */
  client(options: RedisOptions = {}): Redis {
    return this.track(new Redis(this.url, { connectionName: this.codeName, ...options }));
  }

  /**
   * A connection of the code's whose handshake is over, so that a wrapper or a fault sees
   * only the code's own commands; with `through`, every command it sends from now on goes
   * through that (see wrapCommands).
   */
  async readyClient(through?: (command: Command, send: (command: Command) => unknown) => unknown): Promise<Redis> {
    const client = this.client();
    await client.ping();
    if (through) wrapCommands(client, through);
    return client;
  }

  /** A connection for the suite itself (a listener, a second reader) that never counts as the code's. */
  suiteClient(options: RedisOptions = {}): Redis {
    return this.track(new Redis(this.url, options));
  }

  /** What the server reports about `client`'s connection (CLIENT LIST), e.g. { sub: '1', flags: 'P', name: ... }. */
  async connectionInfo(client: Redis): Promise<Record<string, string>> {
    const id = await client.client('ID');
    const line = String(await this.admin.client('LIST', 'ID', String(id))).trim();
    return Object.fromEntries(line.split(' ').map((field) => field.split('=', 2) as [string, string]));
  }

  /** Kills `client`'s connection from the server side, as a network blip or a failover would, and waits until the client has seen it close. */
  async killConnection(client: Redis, boundMs = 3_000): Promise<void> {
    const id = await client.client('ID');
    const closed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the connection was still open ${boundMs} ms after CLIENT KILL`)), boundMs);
      client.once('close', () => (clearTimeout(timer), resolve()));
    });
    await this.admin.client('KILL', 'ID', String(id));
    await closed;
  }

  private track(client: Redis): Redis {
    client.on('error', () => {}); // tests that break connections expect errors; assertions report them
    this.clients.add(client);
    return client;
  }

  /** A client whose server is down: nothing listens on its port. */
  async downClient(): Promise<Redis> {
    const server = await this.listen(() => {});
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.servers.delete(server);
    return this.track(new Redis({ port, host: '127.0.0.1' }));
  }

  /** A client whose server accepts the connection and then never answers, like a stalled Redis. */
  async stalledClient(): Promise<Redis> {
    const server = await this.listen((socket) => socket.on('data', () => {}));
    const { port } = server.address() as { port: number };
    return this.track(new Redis({ port, host: '127.0.0.1' }));
  }

  /**
   * A client whose server refuses the named commands (lower case) with `error`, the way a
   * full Redis under `noeviction` answers writes with an OOM error (refuseWhere). Other
   * commands go through.
   */
  refusingClient(names: string[], error: Error): Redis {
    const client = this.client();
    const refused = new Set(names);
    refuseWhere(client, (name) => refused.has(name), error);
    return client;
  }

  /** Keys under this lab's prefix, with their remaining TTL, found with SCAN. */
  async keys(): Promise<KeyState[]> {
    const names = await this.keyNames();
    // One pipeline, one socket write: a PTTL per key sent on its own was the suites'
    // largest single cost in socket writes (verify's labs are CPU-bound on two cores).
    const replies = (await names.reduce((pipeline, name) => pipeline.pttl(name), this.admin.pipeline()).exec()) ?? [];
    return names
      .map((key, i) => {
        const [error, pttlMs] = replies[i] ?? [new Error(`no PTTL reply for ${key}`)];
        if (error) throw error;
        return { key, pttlMs: Number(pttlMs) };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  /** The names of the keys under `prefix` (this lab's by default), found with SCAN. */
  private async keyNames(prefix = this.prefix): Promise<string[]> {
    const names: string[] = [];
    for await (const batch of this.admin.scanStream({ match: `${escapeGlob(prefix)}*`, count: 500 })) {
      names.push(...(batch as string[]));
    }
    return names;
  }

  /**
   * Removes every key under this lab's prefix, or under `prefix`: another scope of the
   * same run (runScope), such as one a lab gives each of several jobs side by side.
   */
  async deleteAll(prefix = this.prefix): Promise<void> {
    if (runOfKey(prefix) !== runOfKey(this.prefix)) throw new Error(`${prefix} is not a key prefix of this run's`);
    await this.unlink(await this.keyNames(prefix));
  }

  /** Removes exactly these keys, in batches. */
  async unlink(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 500) await this.admin.unlink(...keys.slice(i, i + 500));
  }

  async close(): Promise<void> {
    await this.deleteAll();
    this.serverLog?.close();
    for (const client of this.clients) client.disconnect();
    for (const socket of this.sockets) socket.destroy();
    for (const server of this.servers) server.close();
    await this.admin.quit();
  }

  private listen(onSocket: (socket: Socket) => void): Promise<Server> {
    return new Promise((resolve) => {
      const server = createServer((socket) => {
        this.sockets.add(socket);
        onSocket(socket);
      });
      server.listen(0, '127.0.0.1', () => resolve(server));
      this.servers.add(server);
    });
  }
}

/** Escapes a literal for use in a SCAN MATCH pattern. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, '\\$&');
}

type Send = Redis['sendCommand'];

/**
 * From now on `client` refuses, with `error`, each command `refuses` picks by name (lower
 * case; asked once per command): outside MULTI in the client, as the server's error would
 * come back; inside MULTI on the server (refuseOnServer), which refuses it when queued, so
 * EXEC aborts the whole transaction as a real refusal does (an answer from the client side
 * would leave EXEC waiting for ever for a reply the server never sends).
 */
export function refuseWhere(client: Redis, refuses: (name: string) => boolean, error: Error): void {
  let inTransaction = false;
  wrapCommands(client, (command, send) => {
    const name = command.name.toLowerCase();
    const control = name === 'multi' || name === 'exec' || name === 'discard';
    const refused = refuses(name);
    if (refused && (!inTransaction || control)) {
      command.reject(error);
      return command.promise;
    }
    if (name === 'multi') inTransaction = true;
    else if (name === 'exec' || name === 'discard') inTransaction = false;
    else if (refused) refuseOnServer(command, `refused-by-the-course-${name}`);
    return send(command);
  });
}

/**
 * Makes the server refuse `command`, as a full Redis refuses a write: it goes out under a
 * name Redis does not know, so Redis answers it with an error and discards a MULTI holding
 * it at EXEC (EXECABORT), as it does a real refusal (rejecting it in the client would leave
 * ioredis waiting inside a MULTI for a reply that never comes). A script command of
 * ioredis's defineCommand picks EVAL or EVALSHA as it is written, which would undo the new
 * name: it is written as a plain command instead.
 */
export function refuseOnServer(command: Command, name = 'refused-by-the-course'): void {
  command.name = name;
  command.toWritable = (socket) => Command.prototype.toWritable.call(command, socket);
}

/** Routes every command `client` sends from now on through `through`, which may pass it on with `send`. */
export function wrapCommands(client: Redis, through: (command: Command, send: (command: Command) => unknown) => unknown): void {
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((command: Command, stream?: Parameters<Send>[1]) =>
    through(command, (c) => send(c, stream))) as Send;
}

/** Calls `listener` with the name (upper case) and arguments of every command `client` sends from now on. */
function onCommand(client: Redis, listener: (name: string, args: string[]) => void): void {
  wrapCommands(client, (command, send) => {
    listener(command.name.toUpperCase(), command.args.map(String));
    return send(command);
  });
}

/**
 * Records the name of every command `client` sends (upper case), for checks such as
 * "KEYS is never sent". Commands inside a Lua script run on the server and are not seen
 * (harness/lab/server-commands.ts sees those).
 */
export function recordCommands(client: Redis): string[] {
  const seen: string[] = [];
  onCommand(client, (name) => seen.push(name));
  return seen;
}

/** Records every command `client` sends as `[NAME, ...args]`, for checks on the keys it touches. */
export function recordCommandLines(client: Redis): string[][] {
  const seen: string[][] = [];
  onCommand(client, (name, args) => seen.push([name, ...args]));
  return seen;
}
