import { Redis, type RedisOptions } from 'ioredis';
import { infoField, pollUntil } from '../services/poll.js';
import type { Address } from '../services/topology.js';
import { LabTopology } from './lab-topology.js';

export interface DataServer extends Address {
  /** What the server says of itself now (INFO replication), or 'down' when it does not answer. */
  role: 'primary' | 'replica' | 'down';
}

/**
 * A primary, a replica and three Sentinels watching them, for one test file. Files of a
 * run share one unless they ask for `{ exclusive: true }`, which they must to stop, kill
 * or restart a server; an exclusive course-started set is the file's own and is reset
 * (restarted, flushed, watched again) when the file ends.
 *
 *   const sentinel = useSentinel('13', { exclusive: true });
 *   it('13.2 clients follow a failover', async () => {
 *     const redis = sentinel.client();
 *     const before = await sentinel.primary();
 *     await sentinel.stop(before);
 *     const after = await sentinel.waitForNewPrimary(before);
 *   });
 */
export function useSentinel(area: string, options: { exclusive?: boolean } = {}): LabSentinel {
  return LabTopology.hooks((broker, prefix) => new LabSentinel(broker, 'sentinel', prefix, options), area);
}

export class LabSentinel extends LabTopology<'sentinel'> {
  get masterName(): string {
    return this.topology.masterName;
  }

  /** An ioredis client that finds the primary through the Sentinels, as an application would. */
  client(options: RedisOptions = {}): Redis {
    return this.track(new Redis({ sentinels: this.topology.sentinels, name: this.topology.masterName, ...options }));
  }

  /** A plain connection to one Sentinel (SENTINEL MASTER, REPLICAS, CKQUORUM...) or data server. */
  connect(server: Address, options: RedisOptions = {}): Redis {
    return this.track(new Redis({ host: server.host, port: server.port, ...options }));
  }

  /** The primary, as the first Sentinel that answers names it. */
  async primary(): Promise<Address> {
    return this.firstAnswering((sentinel) => this.primaryAccordingTo(sentinel));
  }

  /** The data servers with the role each reports now. */
  async servers(): Promise<DataServer[]> {
    return Promise.all(
      this.topology.servers.map(async (server) => {
        const replication = (await this.inspector.call(server, 'INFO', 'replication').catch(() => undefined)) as string | undefined;
        const role = replication === undefined ? 'down' : infoField(replication, 'role') === 'master' ? 'primary' : 'replica';
        return { ...server, role } satisfies DataServer;
      }),
    );
  }

  /**
   * Waits (bounded) until a majority of the Sentinels name a primary other than `former`
   * and that server reports itself a primary. Returns it.
   */
  async waitForNewPrimary(former: Address, timeoutMs = 20_000): Promise<Address> {
    const { sentinels } = this.topology;
    return pollUntil(
      `the Sentinels to promote a new primary in place of ${former.port}`,
      async () => {
        const named = await Promise.all(sentinels.map((s) => this.primaryAccordingTo(s).catch(() => undefined)));
        const moved = named.filter((a): a is Address => a !== undefined && a.port !== former.port);
        const candidate = moved[0];
        if (!candidate || moved.filter((a) => a.port === candidate.port).length <= sentinels.length / 2) {
          return { not: `Sentinels name ${named.map((a) => a?.port ?? 'nothing').join(', ')}` };
        }
        return this.promoted(candidate);
      },
      { timeoutMs },
    );
  }

  /**
   * Has a Sentinel fail the stopped primary over now (SENTINEL FAILOVER, what an operator
   * does to cut a failover short) instead of waiting down-after-milliseconds and an
   * election, then waits (bounded) until that Sentinel names a primary other than `former`
   * and that server reports itself a primary: the promotion. The code under test sees the
   * same failover either way. The other Sentinels learn of it from that one's hello
   * messages, within about two seconds; a client that asks them meanwhile is told the
   * former primary, as in any failover, and asks again.
   */
  async failOver(former: Address, timeoutMs = 20_000): Promise<Address> {
    const leader = await this.firstAnswering(async (sentinel) => {
      await this.inspector.call(sentinel, 'SENTINEL', 'FAILOVER', this.topology.masterName);
      return sentinel;
    });
    return pollUntil(
      `Sentinel ${leader.port} to promote a new primary in place of ${former.port}`,
      async () => {
        const named = await this.primaryAccordingTo(leader);
        return named.port === former.port ? { not: `it still names ${former.port}` } : this.promoted(named);
      },
      { timeoutMs },
    );
  }

  protected async primaries(): Promise<Address[]> {
    return [await this.primary()];
  }

  /** What the first Sentinel that answers says: one of them may be stopped. */
  private async firstAnswering<T>(ask: (sentinel: Address) => Promise<T>): Promise<T> {
    const errors: string[] = [];
    for (const sentinel of this.topology.sentinels) {
      try {
        return await ask(sentinel);
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
    throw new Error(`no Sentinel answers: ${errors.join('; ')}`);
  }

  /** `candidate` once it reports itself a primary. */
  private async promoted(candidate: Address): Promise<Address | { not: string }> {
    const role = infoField((await this.inspector.call(candidate, 'INFO', 'replication')) as string, 'role');
    return role === 'master' ? candidate : { not: `${candidate.port} is named but still reports role:${role}` };
  }

  private async primaryAccordingTo(sentinel: Address): Promise<Address> {
    const answer = (await this.inspector.call(sentinel, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', this.topology.masterName)) as [string, string] | null;
    if (!answer) throw new Error(`Sentinel ${sentinel.port} knows no primary named ${this.topology.masterName}`);
    return { host: answer[0], port: Number(answer[1]) };
  }
}
