import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { startGuarded } from './guarded-process.js';
import { GiveUpError, pollUntil } from './poll.js';
import { waitForPort } from './ports.js';

export interface ProcessSpec {
  /** Names the server in messages and its folder, e.g. "cluster-3". */
  name: string;
  /** Lines of its config file, given the ports chosen for it (ports[0] is the client port). */
  config(ports: number[]): string[];
  /** How many free ports it needs (a cluster node needs a second one for its bus). */
  ports?: number;
  /** Run as a Sentinel (`redis-server FILE --sentinel`). */
  sentinel?: boolean;
  /** Ports chosen beforehand (freePorts), when other servers' configs must name them. */
  fixedPorts?: number[];
}

const READY_MS = 10_000;

/**
 * One redis-server the course started: its config file, data and log in a folder of its
 * own under `root`, its process guarded so it dies with this one (guarded-process.ts).
 * It can be stopped (SIGTERM), killed (SIGKILL, a crash) and started again from the same
 * folder, keeping its identity (nodes.conf, a Sentinel's rewritten config).
 */
export class RedisProcess {
  private guard: ReturnType<typeof startGuarded> | undefined;
  /** The server's pid while it runs (from its pid file), 0 when stopped. */
  pid = 0;
  private retired = false;

  private constructor(
    readonly name: string,
    /** Its ports: [client port, any others its spec asked for (a cluster node's bus)]. */
    readonly ports: number[],
    readonly dir: string,
    private readonly args: string[],
  ) {}

  static async start(root: string, spec: ProcessSpec): Promise<RedisProcess> {
    let lastError: unknown;
    // A port chosen free can be taken before the server binds it: then try new ones.
    for (let attempt = 0; attempt < (spec.fixedPorts ? 1 : 3); attempt += 1) {
      const ports = spec.fixedPorts ?? (await freePorts(spec.ports ?? 1));
      const dir = join(root, `${spec.name}-${ports[0]}`);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, spec.sentinel ? 'sentinel.conf' : 'redis.conf');
      const base = [`port ${ports[0]}`, 'bind 127.0.0.1', `dir ${dir}`, `logfile ${join(dir, 'server.log')}`, `pidfile ${join(dir, 'server.pid')}`];
      writeFileSync(file, [...base, ...spec.config(ports)].join('\n') + '\n');
      const server = new RedisProcess(spec.name, ports, dir, spec.sentinel ? [file, '--sentinel'] : [file]);
      try {
        await server.launch();
        return server;
      } catch (error) {
        lastError = error;
        await server.stop();
      }
    }
    throw lastError;
  }

  get port(): number {
    return this.ports[0]!;
  }

  private get pidFile(): string {
    return join(this.dir, 'server.pid');
  }

  get running(): boolean {
    return this.pid !== 0;
  }

  /** Starts it (again) from its folder; resolves once it accepts connections. */
  async launch(): Promise<void> {
    if (this.running) return;
    await this.guard?.stop();
    // Checked after that wait too: a retire() meanwhile must not be followed by a new server.
    if (this.retired) throw new GiveUpError(`${this.name} was stopped for good: its topology is stopped`);
    // Before the start, not after: a server quick to start (or a parent slow to resume)
    // could have written its new pid file already.
    rmSync(this.pidFile, { force: true });
    const guard = startGuarded('redis-server', this.args, process.env);
    this.guard = guard;
    try {
      await waitForPort(this.port, READY_MS, guard.failed);
      // The pid file, not INFO: it needs no password, and the server writes it before it listens.
      this.pid = await pollUntil(
        'its pid file',
        async () => {
          // Retired while starting: stopped, and its pid file gone with it.
          if (this.retired) throw new GiveUpError(`${this.name} was stopped for good while it started`);
          return Number(readFileSync(this.pidFile, 'utf8')) || { not: 'empty' };
        },
        { timeoutMs: 5_000, intervalMs: 10 },
      );
    } catch (error) {
      const log = this.lastLogLine();
      throw new Error(`${this.name} (redis-server on 127.0.0.1:${this.port}) did not start: ${(error as Error).message}${log ? `; its log says: ${log}` : ''}`);
    }
  }

  /** SIGTERM, as an operator's stop; resolves once the process is gone. */
  async stop(): Promise<void> {
    const pid = this.pid;
    await this.guard?.stop();
    this.guard = undefined;
    this.pid = 0;
    if (pid) await gone(pid, 'SIGTERM');
  }

  /** Stops it for good: a reset still under way cannot start it again. */
  async retire(): Promise<void> {
    this.retired = true;
    await this.stop();
  }

  /** SIGKILL, a crash: nothing is saved or handed over; resolves once the process is gone. */
  async kill(): Promise<void> {
    const pid = this.pid;
    this.pid = 0;
    if (pid) {
      signal(pid, 'SIGKILL');
      await gone(pid, 'SIGKILL');
    }
    await this.guard?.stop();
    this.guard = undefined;
  }

  private lastLogLine(): string {
    const file = join(this.dir, 'server.log');
    if (!existsSync(file)) return '';
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    return (lines.at(-1) ?? '').replace(/^\d+:[A-Z] [^*#.-]*[*#.-] /, '');
  }
}

/** True while `pid` is a live process (a zombie waiting to be reaped counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): the signal reached it
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** Waits until `pid` has exited; a server still there after the bound is killed. */
async function gone(pid: number, sent: NodeJS.Signals): Promise<void> {
  await pollUntil(`redis-server ${pid} to exit after ${sent}`, async () => (isAlive(pid) ? { not: 'still running' } : true), {
    timeoutMs: 5_000,
    intervalMs: 20,
  }).catch(() => signal(pid, 'SIGKILL'));
}

/** `count` distinct ports nothing listens on, held open together so none is handed out twice. */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      servers.push(await new Promise<Server>((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server));
      }));
    }
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
