import type { TopologySource } from './find-topology.js';
import type { TopologyInstance } from './topology-instance.js';

/**
 * The instances of one kind of topology in a run, and who holds them.
 *
 * Course-started (the usual case): one instance is started on the first shared request
 * and shared by every file that asks for it that way (concurrent requests wait for the
 * same start). A file asking for one exclusively (to stop servers or move slots) gets an
 * instance of its own: an idle one that an earlier file gave back, reset, or a new one.
 *
 * Found running (environment, docker compose): there is only that one, so exclusive use
 * waits until nobody else holds it, and shared use waits while someone holds it exclusively.
 */
export class TopologyPool {
  private source: Promise<TopologySource> | undefined;
  private shared: Promise<TopologyInstance> | undefined;
  /** Instances given back, each ready once its reset is done (undefined if the reset failed). */
  private readonly idle: Promise<TopologyInstance | undefined>[] = [];
  private readonly instances = new Set<TopologyInstance>();
  private failure: unknown;
  private readonly starting = new Set<Promise<TopologyInstance>>();
  /** How many instances were started (the self-tests check "once"). */
  started = 0;
  /** What the first one started was announced as. */
  private firstSource: string | undefined;
  private readers = 0;
  private writer = false;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly find: () => Promise<TopologySource>,
    private readonly root: () => string,
    private readonly announce: (source: string) => void,
  ) {}

  async acquire(exclusive: boolean): Promise<TopologyInstance> {
    const source = await (this.source ??= this.find());
    if ('found' in source) {
      if (this.instances.size === 0) this.announce(source.found.topology.source);
      this.instances.add(source.found);
      await this.lock(exclusive);
      return source.found;
    }
    if (!exclusive) return (this.shared ??= this.startOne(source.start));
    while (this.idle.length > 0) {
      const reused = await this.idle.shift();
      if (reused) return reused;
    }
    return this.startOne(source.start);
  }

  /**
   * Starts what a file will ask for before it asks (the run knows its files use it): the
   * shared instance, or an exclusive one left idle for the first exclusive request. Found
   * topologies need nothing; a failed start is reported to the file that asks, as usual.
   */
  async prewarm(exclusive: boolean): Promise<void> {
    const source = await (this.source ??= this.find());
    if ('found' in source) return;
    if (!exclusive) {
      // Handled here too: a failed start nobody asks for must not be an unhandled rejection.
      (this.shared ??= this.startOne(source.start)).catch(() => {});
      return;
    }
    // A kept broker (kept-servers.ts) may still hold one a run before this gave back.
    if (this.idle.length === 0) this.idle.push(this.startOne(source.start).catch(() => undefined));
  }

  /** What is already running here for a run that asks for it, as announced; undefined if nothing is. */
  running(): string | undefined {
    return this.instances.size > 0 ? this.firstSource : undefined;
  }

  /**
   * Makes the shared instance as good as new (a kept broker does it when no run is left):
   * what a killed run wrote to it goes. Files that ask meanwhile wait for the reset; if it
   * fails, the instance is stopped and the next file that asks starts a new one.
   */
  resetShared(): void {
    const shared = this.shared;
    if (!shared) return;
    const resetting = shared.then(async (instance) => {
      if (!instance.topology.owned || !instance.reset) return instance;
      try {
        await instance.reset();
        return instance;
      } catch (error) {
        this.instances.delete(instance);
        await instance.stop();
        throw error;
      }
    });
    this.shared = resetting;
    resetting.catch(() => {
      if (this.shared === resetting) this.shared = undefined;
    });
  }

  /** Gives an instance back. An exclusive one is reset in the background, for the next file that asks. */
  release(instance: TopologyInstance, exclusive: boolean): void {
    if (!instance.topology.owned) return this.unlock(exclusive);
    if (!exclusive) return;
    const reset = async () => {
      try {
        if (!instance.reset) throw new Error('cannot be reset');
        await instance.reset();
        return instance;
      } catch {
        // Left in a state the reset cannot repair (or stopped meanwhile): the next file gets a new one.
        this.instances.delete(instance);
        await instance.stop();
        return undefined;
      }
    };
    this.idle.push(reset());
  }

  pids(): number[] {
    return [...this.instances].flatMap((instance) => instance.pids());
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.starting]); // a start under way is stopped once it is up
    const all = [...this.instances];
    this.instances.clear();
    await Promise.all(all.map((instance) => instance.stop()));
    await Promise.allSettled(this.idle.splice(0)); // resets under way fail fast once stopped
  }

  private startOne(start: (root: string) => Promise<TopologyInstance>): Promise<TopologyInstance> {
    const starting = (async () => {
      if (this.failure) throw this.failure;
      try {
        const instance = await start(this.root());
        this.instances.add(instance);
        if (this.started === 0) this.announce((this.firstSource = instance.topology.source));
        this.started += 1;
        return instance;
      } catch (error) {
        this.failure = error; // one failing start is enough: later files get its message at once
        throw error;
      }
    })();
    this.starting.add(starting);
    void starting.finally(() => this.starting.delete(starting)).catch(() => {});
    return starting;
  }

  private async lock(exclusive: boolean): Promise<void> {
    while (this.writer || (exclusive && this.readers > 0)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (exclusive) this.writer = true;
    else this.readers += 1;
  }

  private unlock(exclusive: boolean): void {
    if (exclusive) this.writer = false;
    else this.readers -= 1;
    for (const wake of this.waiting.splice(0)) wake();
  }
}
