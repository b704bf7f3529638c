import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { BrokerClient } from '../services/broker-client.js';
import { runScope } from '../services/live-run.js';
import { NodeClients } from '../services/node-clients.js';
import type { AcquireOptions, Address, ControlAction, TopologyKind, TopologyOf } from '../services/topology.js';
import type {} from '../vitest/provided-context.js';
import type { KeyState } from './lab-redis.js';

/**
 * What every lab topology (cluster, Sentinels, a Redis of the file's own) gives a test
 * file: the topology held for the whole file, a key prefix of the file's own (keys via
 * `key(name)`, removed with SCAN + UNLINK on every primary after each test, never
 * FLUSHALL), clients closed with the file, and, on an exclusive course-started topology,
 * stopping, killing and restarting its servers. After a test that did any of that, the
 * topology is healed (stopped servers restarted, whole again) before the next test, or
 * reset by the broker once the file lets it go.
 */
export abstract class LabTopology<K extends TopologyKind> {
  /** Every key the file writes starts with this, e.g. `course:12:k3x9a2f0.0b1c2d3e:`. */
  readonly prefix: string;
  private lease: string | undefined;
  private described: TopologyOf<K> | undefined;
  private disturbed = false;
  private readonly tracked = new Set<{ disconnect(): void }>();
  private inspectors: NodeClients | undefined;

  constructor(
    private readonly broker: BrokerClient,
    readonly kind: K,
    prefix: string,
    private readonly options: AcquireOptions,
  ) {
    this.prefix = prefix;
  }

  /** Registers the file's hooks; called by the use* functions at the top level of a suite. */
  static hooks<T extends LabTopology<TopologyKind>>(make: (broker: BrokerClient, prefix: string) => T, area: string): T {
    const { runId } = inject('services');
    const broker = inject('serverBroker');
    if (!broker) throw new Error('No server broker: run the suite through the course config (npm test), whose global setup starts it.');
    const lab = make(new BrokerClient(broker.url, runId), runScope(runId, area).prefix);
    // Starting a cluster on a busy machine, or waiting for another file's exclusive use, takes seconds.
    beforeAll(() => lab.open(), 90_000);
    beforeEach(() => lab.beforeTest(), 60_000);
    afterEach(() => lab.afterTest(), 60_000);
    afterAll(() => lab.close(), 60_000);
    return lab;
  }

  /** Addresses and credentials, as the broker described them. */
  get topology(): TopologyOf<K> {
    if (!this.described) throw new Error(`the ${this.kind} is only there inside tests and hooks (it is acquired in beforeAll)`);
    return this.described;
  }

  /** True when the course started it in this run (only then can servers be stopped or restarted). */
  get owned(): boolean {
    return this.topology.owned;
  }

  key(name: string): string {
    return this.prefix + name;
  }

  /** Stops a server (SIGTERM, as an operator would), resolving once its process is gone. */
  stop(server: Address): Promise<void> {
    return this.control('stop', server);
  }

  /** Kills a server (SIGKILL, a crash: nothing saved, nothing handed over). */
  kill(server: Address): Promise<void> {
    return this.control('kill', server);
  }

  /** Starts a stopped or killed server again, from its own folder, with its identity. */
  restart(server: Address): Promise<void> {
    return this.control('restart', server);
  }

  /** Restarts every stopped server and waits (bounded) until the topology is whole again. */
  heal(): Promise<void> {
    return this.control('heal');
  }

  /** The file's keys, found with SCAN on every primary, with their remaining TTL. */
  async keys(): Promise<KeyState[]> {
    const found: KeyState[] = [];
    for (const primary of await this.primaries()) {
      const names = await this.namesOn(primary);
      const ttls = (await Promise.all(names.map((name) => this.inspector.call(primary, 'PTTL', name)))) as number[];
      found.push(...names.map((key, i) => ({ key, pttlMs: ttls[i]! })));
    }
    return found.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Removes the file's keys, one UNLINK per key (a cluster refuses several slots in one). */
  async deleteAll(): Promise<void> {
    for (const primary of await this.primaries()) {
      const names = await this.namesOn(primary);
      await Promise.all(names.map((key) => this.inspector.call(primary, 'UNLINK', key)));
    }
  }

  /** The servers holding the file's keys: where cleanup scans. */
  protected abstract primaries(): Promise<Address[]>;

  /** Options for the suite's own connections (credentials, for a Redis that needs them). */
  protected inspectorOptions(): { username?: string; password?: string } {
    return {};
  }

  /** The suite's own connections to each server: fail at once when a server is down. */
  protected get inspector(): NodeClients {
    return (this.inspectors ??= new NodeClients(this.inspectorOptions()));
  }

  /** Keeps a client to close with the file; errors are left to the commands that see them. */
  protected track<T extends { disconnect(): void; on(event: 'error', listener: () => void): unknown }>(client: T): T {
    client.on('error', () => {});
    this.tracked.add(client);
    return client;
  }

  private async namesOn(primary: Address): Promise<string[]> {
    const names: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = (await this.inspector.call(primary, 'SCAN', cursor, 'MATCH', `${escapeGlob(this.prefix)}*`, 'COUNT', 500)) as [string, string[]];
      cursor = next;
      names.push(...batch);
    } while (cursor !== '0');
    return names;
  }

  private async control(action: ControlAction, server?: Address): Promise<void> {
    if (action !== 'heal') this.disturbed = true;
    await this.broker.control(this.lease!, action, server);
    if (action === 'heal') this.disturbed = false;
  }

  private async open(): Promise<void> {
    const { lease, topology } = await this.broker.acquire(this.kind, this.options);
    this.lease = lease;
    this.described = topology;
  }

  /** A test that stopped or killed servers leaves the healing to the next one: the last one's is done by the broker's reset. */
  private async beforeTest(): Promise<void> {
    if (!this.disturbed) return;
    await this.heal();
    await this.deleteAll();
  }

  private async afterTest(): Promise<void> {
    if (!this.disturbed) await this.deleteAll();
  }

  private async close(): Promise<void> {
    if (!this.lease) return;
    if (!this.disturbed) await this.deleteAll().catch(() => {});
    for (const client of this.tracked) client.disconnect();
    this.inspectors?.closeAll();
    await this.broker.release(this.lease);
  }
}

/** Escapes a literal for use in a SCAN MATCH pattern. */
function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, '\\$&');
}
