import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';
import type { MonitorSubscription } from '../services/monitor-hub.js';
import { clientAddress, commandsOf, monitorServerOf, openHubMonitor, openMonitor, SCRIPT_CALLS, type ServerCommand } from './monitor.js';

/**
 * What the server ran for one test file, read with MONITOR from the file's first test to
 * its last. The code under test is recognised by its connections' name: every client the
 * lab hands out is named `codeName` (CLIENT SETNAME), and `duplicate()` keeps the name, so
 * a command counts as the code's whichever connection the code sent it on, and a script's
 * commands count for whoever called the script. Only what concerns this file is kept:
 * the code's and the suite's own commands, scripts, and anything naming the file's prefix.
 */
export class ServerLog {
  private readonly seen: ServerCommand[] = [];
  /** The addresses of the code's connections that are open now, as far as the log knows. */
  private code = new Set<string>();
  /** Addresses named as the code's since the last CLIENT LIST was sent: its reply may predate them. */
  private namedSinceList = new Set<string>();
  /** Commands the code sent, judged as they arrive: an address outlives its connection and may be reused by another run's. */
  private readonly fromCode = new WeakSet<ServerCommand>();
  private readonly markers = new Map<string, () => void>();
  /** A script's commands run as one block right after the call that started it (before it on older servers). */
  private scriptCaller: string | undefined;
  private orphanScriptCommands: ServerCommand[] = [];

  private socket?: Socket;
  /** Names to the run's monitor hub the code's connections it could not see being named. */
  private tellHub: (addresses: string[]) => void = () => {};

  private constructor(
    private readonly admin: Redis,
    private readonly adminAddress: string,
    private readonly codeName: string,
    private readonly prefix: string,
  ) {}

  /**
   * With `hubUrl` (the run's MonitorHub), the log reads the server's one MONITOR of the run
   * through it, which passes on only what can concern this file; without, a MONITOR of its
   * own (a TLS server is always read directly: its options do not travel as JSON).
   */
  static async open(admin: Redis, codeName: string, prefix: string, hubUrl?: string): Promise<ServerLog> {
    const log = new ServerLog(admin, await clientAddress(admin), codeName, prefix);
    const server = monitorServerOf(admin);
    const onLine = commandsOf((command) => log.receive(command));
    if (hubUrl && !server.tls) {
      const hub = await openHubMonitor(hubUrl, { server, adminAddress: log.adminAddress, codeName, prefix } satisfies MonitorSubscription, onLine);
      log.socket = hub.socket;
      log.tellHub = hub.add;
    } else log.socket = await openMonitor(server, onLine);
    return log;
  }

  private receive(command: ServerCommand): void {
    if (command.source === 'lua') {
      if (this.scriptCaller) command.scriptOf = this.scriptCaller;
      else this.orphanScriptCommands.push(command);
    } else {
      const isCall = SCRIPT_CALLS.has(command.name);
      if (isCall) {
        for (const orphan of this.orphanScriptCommands) {
          orphan.scriptOf = command.source;
          if (this.code.has(command.source)) this.fromCode.add(orphan);
        }
      }
      this.orphanScriptCommands = [];
      this.scriptCaller = isCall ? command.source : undefined;
    }
    if (command.name === 'ECHO' && this.markers.has(command.args[0] ?? '')) {
      this.markers.get(command.args[0]!)!();
      return;
    }
    if (command.name === 'CLIENT' && command.args[0]?.toUpperCase() === 'SETNAME') {
      // A connection naming itself: the code's, or one that now has a closed code connection's address.
      if (command.args[1] === this.codeName) {
        this.code.add(command.source);
        this.namedSinceList.add(command.source);
      } else this.code.delete(command.source);
    }
    const callerIsCode = command.source === 'lua' ? this.code.has(command.scriptOf ?? '') : this.code.has(command.source);
    if (callerIsCode) this.fromCode.add(command);
    const ours = command.source === this.adminAddress || this.code.has(command.source);
    const script = command.source === 'lua' || SCRIPT_CALLS.has(command.name);
    // The prefix is printable: found in the quoted text without unquoting every argument.
    if (ours || script || command.argsText.includes(this.prefix)) this.seen.push(command);
  }

  /**
   * Waits until every command sent before this call is in the log (MONITOR reports in
   * execution order, so a marker sent now arrives after them) and returns a position in
   * it. Connections named before the log started are found with CLIENT LIST.
   */
  async sync(): Promise<number> {
    const marker = `course-log-sync:${randomBytes(6).toString('hex')}`;
    const arrived = new Promise<void>((resolve) => this.markers.set(marker, resolve));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('MONITOR did not report a marker within 5 s')), 5_000);
    });
    try {
      await this.admin.echo(marker);
      await Promise.race([arrived, late]);
    } finally {
      clearTimeout(timer);
      this.markers.delete(marker);
    }
    // The code's connections open now: found if they were named before the log started, forgotten once closed.
    this.namedSinceList = new Set();
    const open = new Set<string>();
    for (const line of String(await this.admin.call('CLIENT', 'LIST')).split('\n')) {
      if (/(?:^|\s)name=(\S*)/.exec(line)?.[1] === this.codeName) open.add(/(?:^|\s)addr=(\S+)/.exec(line)?.[1] ?? '');
    }
    this.code = new Set([...open, ...this.namedSinceList]);
    this.tellHub([...open]);
    return this.seen.length;
  }

  /** Everything kept since position `from`, in the order the server ran it. */
  since(from: number, to = this.seen.length): ServerCommand[] {
    return this.seen.slice(from, to);
  }

  /** Whether the code under test sent `command` (directly, or from a script it called). */
  isCode(command: ServerCommand): boolean {
    return this.fromCode.has(command);
  }

  /** The commands the code under test caused while `work` ran. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; commands: ServerCommand[] }> {
    const from = await this.sync();
    const result = await work();
    const to = await this.sync();
    return { result, commands: this.since(from, to).filter((command) => this.isCode(command)) };
  }

  close(): void {
    this.socket?.destroy();
  }
}
