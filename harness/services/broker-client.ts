import { CourseError } from './errors.js';
import type { AcquireOptions, Address, ControlAction, TopologyKind, TopologyOf } from './topology.js';

/** A test file's side of the server broker (server-broker.ts): plain HTTP calls. */
export class BrokerClient {
  /** @param run the run asking: a kept broker gives back what a run held once the run is gone */
  constructor(
    private readonly url: string,
    private readonly run?: string,
  ) {}

  /** Waits until the topology is found or started (and, if exclusive, free), then holds it. */
  acquire<K extends TopologyKind>(kind: K, options: AcquireOptions = {}): Promise<{ lease: string; topology: TopologyOf<K> }> {
    return this.post('/acquire', { kind, ...options, ...(this.run ? { run: this.run } : {}) });
  }

  async release(lease: string): Promise<void> {
    await this.post('/release', { lease });
  }

  /** Stops, kills or restarts one server (by its port), or heals the whole topology. */
  async control(lease: string, action: ControlAction, server?: Address): Promise<void> {
    await this.post('/control', { lease, action, port: server?.port ?? 0 });
  }

  /** What the broker started, and how many runs are attached to it (a kept broker; kept-servers.ts). */
  async status(): Promise<{ started: Record<TopologyKind, number>; pids: number[]; dir: string | undefined; runs: number }> {
    const response = await fetch(`${this.url}/status`);
    return (await response.json()) as never;
  }

  private async post<T>(path: string, body: object): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new TopologyError(reply.error ?? `the server broker answered ${response.status}`);
    return reply;
  }
}

/** A topology could not be had; the message is the broker's one line, so no stack into the harness. */
export class TopologyError extends CourseError {
  constructor(message: string) {
    super('E_TOPOLOGY', message);
    this.name = 'Servers for this lab';
    this.stack = `${this.name}: ${message}`;
  }
}
