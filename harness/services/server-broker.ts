import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { findTopology } from './find-topology.js';
import { ServerDir } from './server-dir.js';
import { TOPOLOGY_KINDS, type AcquireOptions, type ControlAction, type Topology, type TopologyKind, type TopologyNeed } from './topology.js';
import type { TopologyInstance } from './topology-instance.js';
import { TopologyPool } from './topology-pool.js';

interface Lease {
  kind: TopologyKind;
  instance: TopologyInstance;
  exclusive: boolean;
  /** The run whose file holds it, when a kept broker serves several runs (kept-servers.ts). */
  run?: string;
}

export interface BrokerOptions {
  env?: NodeJS.ProcessEnv;
  /** The Redis every other lab shares: no topology may ever point at it. */
  sharedRedisUrl?: string;
  /** Where the one line saying what a topology is goes (default: the console; the attached runs, for a kept broker). */
  announce?: (line: string) => void;
  /** Told whenever the last attached run goes (true) or a first one comes (false): a kept broker's idle clock. */
  idle?: (idle: boolean) => void;
}

/**
 * The server broker: a small HTTP server in the vitest main process (started by the global
 * setup) that test files ask for the Redis topologies the shared server cannot give. It
 * finds or starts each kind on the first request only (a run that asks for none starts
 * none), holds what it started for the whole run, and stops it and removes its files when
 * the run ends. The processes belong to this process, so they outlive any one test file.
 *
 *   POST /acquire  {kind, exclusive?, maxmemory?, run?}  -> {lease, topology}
 *   POST /release  {lease}
 *   POST /control  {lease, action: stop|kill|restart|heal, port}
 *   GET  /status   -> {started: {kind: n}, pids, dir, runs}
 *   POST /attach   {run, needs}  -> a line of JSON per announcement, until the run hangs up
 *
 * A kept broker outlives the runs (kept-servers.ts): each run attaches, and when its
 * connection closes, however the run ended, the leases its files still held are given
 * back; once no run is left, the shared topologies are reset.
 */
export class ServerBroker {
  private readonly pools = new Map<TopologyKind, TopologyPool>();
  private readonly leases = new Map<string, Lease>();
  /** The runs attached to a kept broker, each by its open /attach reply. */
  private readonly attached = new Map<string, ServerResponse>();
  private dir: ServerDir | undefined;
  private closing = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: BrokerOptions,
  ) {
    const announce = options.announce ?? ((line: string) => console.log(`Using ${line}.`));
    for (const kind of TOPOLOGY_KINDS) {
      const find = () => findTopology(kind, options.env ?? process.env, options.sharedRedisUrl);
      this.pools.set(kind, new TopologyPool(find, () => (this.dir ??= ServerDir.create(options.env)).path, announce));
    }
  }

  static async start(options: BrokerOptions = {}): Promise<ServerBroker> {
    let broker: ServerBroker | undefined;
    const server = createServer((request, response) => void broker!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.unref();
    broker = new ServerBroker(server, `http://127.0.0.1:${(server.address() as { port: number }).port}`, options);
    return broker;
  }

  /** Starts the topologies the run's files will ask for, in the background (TopologyPool.prewarm). */
  prewarm(needs: TopologyNeed[]): void {
    for (const { kind, exclusive } of needs) void this.pools.get(kind)?.prewarm(exclusive).catch(() => {});
  }

  /** Stops every server started for the run and removes their folder. */
  async stop(): Promise<void> {
    this.closing = true;
    for (const reply of this.attached.values()) reply.end();
    await Promise.all([...this.pools.values()].map((pool) => pool.stopAll()));
    await this.dir?.remove();
    await new Promise((resolve) => {
      this.server.close(resolve);
      this.server.closeAllConnections();
    });
  }

  status(): { started: Record<string, number>; pids: number[]; dir: string | undefined; runs: number } {
    const pools = [...this.pools.entries()];
    return {
      started: Object.fromEntries(pools.map(([kind, pool]) => [kind, pool.started])),
      pids: pools.flatMap(([, pool]) => pool.pids()),
      dir: this.dir?.path,
      runs: this.attached.size,
    };
  }

  /** A broker kept between runs (kept-servers.ts) is the one told when it goes idle. */
  private get kept(): boolean {
    return this.options.idle !== undefined;
  }

  /** Sends a line to every attached run, which prints it as its own "Using ..." line. */
  broadcast(line: string): void {
    for (const reply of this.attached.values()) reply.write(`${JSON.stringify({ line })}\n`);
  }

  /**
   * A run attaches to a kept broker: it is told what of its needs is already running, the
   * rest starts now, and the connection stays open for the run's life. When it closes (the
   * run ended, or was killed), whatever its files still hold is given back.
   */
  private attach(body: { run?: string; needs?: TopologyNeed[] }, reply: ServerResponse): void {
    const run = String(body.run);
    const needs = body.needs ?? [];
    reply.writeHead(200, { 'content-type': 'application/x-ndjson' });
    reply.flushHeaders(); // the run waits for them; the lines may be a long time coming
    if (this.attached.size === 0) this.options.idle?.(false);
    this.attached.set(run, reply);
    for (const kind of new Set(needs.map((need) => need.kind))) {
      const running = this.pools.get(kind)?.running();
      if (running) reply.write(`${JSON.stringify({ line: `${running.replace(/ \(\d+ ms\)$/, '')}, kept from an earlier run` })}\n`);
    }
    this.prewarm(needs);
    reply.on('close', () => {
      this.attached.delete(run);
      for (const [lease, held] of this.leases) if (held.run === run) void this.release({ lease });
      if (this.attached.size > 0 || this.closing) return;
      for (const pool of this.pools.values()) pool.resetShared();
      this.options.idle?.(true);
    });
  }

  private async acquire(body: { kind?: string; run?: string } & AcquireOptions): Promise<{ lease: string; topology: Topology }> {
    const kind = body.kind as TopologyKind;
    const pool = this.pools.get(kind);
    if (!pool) throw new Error(`unknown topology "${body.kind}"; the broker knows ${TOPOLOGY_KINDS.join(', ')}`);
    // A small Redis is always a file's own: its memory and policy are what the file tests.
    const exclusive = kind === 'small-redis' || body.exclusive === true;
    const instance = await pool.acquire(exclusive);
    if (this.kept && body.run && !this.attached.has(body.run)) {
      // A kept broker: the run ended (or was killed) while its file waited for this; nobody will give it back.
      pool.release(instance, exclusive);
      throw new Error('the run that asked for this topology has ended');
    }
    const lease = randomBytes(8).toString('hex');
    this.leases.set(lease, { kind, instance, exclusive, ...(body.run ? { run: body.run } : {}) });
    const topology = instance.prepare ? await instance.prepare(body.maxmemory ? { maxmemory: body.maxmemory } : {}) : instance.topology;
    return { lease, topology };
  }

  private async release(body: { lease?: string }): Promise<object> {
    const lease = this.leases.get(body.lease ?? '');
    if (!lease) return {};
    this.leases.delete(body.lease!);
    this.pools.get(lease.kind)!.release(lease.instance, lease.exclusive);
    return {};
  }

  private async control(body: { lease?: string; action?: ControlAction; port?: number }): Promise<object> {
    const lease = this.leases.get(body.lease ?? '');
    if (!lease) throw new Error('unknown lease: acquire the topology first');
    const { instance, exclusive } = lease;
    if (!instance.topology.owned || !instance.control) {
      throw new Error(
        `cannot ${body.action} a server of ${instance.topology.source}: the course only stops and restarts servers it started itself. ` +
          'Unset the variable naming it (or stop the docker compose service) so the course starts its own from redis-server on your PATH.',
      );
    }
    if (!exclusive) throw new Error(`cannot ${body.action} a server of a shared topology: other files are using it; ask for it with { exclusive: true }`);
    await instance.control(body.action ?? 'heal', Number(body.port));
    return {};
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    try {
      if (this.closing) throw new Error('the test run is ending; its servers are being stopped');
      if (request.method === 'GET' && request.url === '/status') return reply(200, this.status());
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, never>;
      if (request.method === 'POST' && request.url === '/attach') return this.attach(body, response);
      const routes: Record<string, (body: Record<string, never>) => Promise<object>> = {
        '/acquire': (b) => this.acquire(b),
        '/release': (b) => this.release(b),
        '/control': (b) => this.control(b),
      };
      const route = request.method === 'POST' ? routes[request.url ?? ''] : undefined;
      if (!route) return reply(404, { error: `no route ${request.method} ${request.url}` });
      reply(200, await route(body));
    } catch (error) {
      reply(500, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
