import { Redis, type RedisOptions } from 'ioredis';
import { GiveUpError } from './poll.js';
import type { Address } from './topology.js';

/**
 * One connection per server address, for inspecting and steering a topology while its
 * servers come and go: a command to a server that is down fails at once (no offline
 * queue, one short connect attempt) instead of waiting, and the connection comes back by
 * itself when the server does.
 */
export class NodeClients {
  private readonly clients = new Map<string, Redis>();
  private closed = false;

  constructor(private readonly options: RedisOptions = {}) {}

  get({ host, port }: Address): Redis {
    const key = `${host}:${port}`;
    if (this.closed) throw new GiveUpError(`the connections to ${key} were closed: its topology is stopped`);
    let client = this.clients.get(key);
    if (!client) {
      client = new Redis({
        host,
        port,
        connectTimeout: 1_000,
        commandTimeout: 5_000,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        enableReadyCheck: false,
        retryStrategy: () => 100,
        lazyConnect: false,
        ...this.options,
      });
      client.on('error', () => {}); // a down server is expected here; callers see rejected commands
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * Sends a command once the connection is up: it waits for the next connection attempt
   * (at most ~1 s), and a refused one fails the call at once, so a server that is down
   * costs a tenth of a second, not the whole wait.
   */
  async call(address: Address, command: string, ...args: (string | number)[]): Promise<unknown> {
    const client = this.get(address);
    if (client.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        const settle = (error?: Error) => {
          clearTimeout(timer);
          client.off('ready', ready);
          client.off('error', refused);
          client.off('end', closed);
          if (error) reject(new Error(`${address.host}:${address.port} is not answering (${error.message})`));
          else resolve();
        };
        const ready = () => settle();
        const refused = (error: Error) => settle(error);
        // closeAll: the topology is stopping, and its timer would keep the process alive.
        const closed = () => settle(new Error('its connection was closed'));
        const timer = setTimeout(() => settle(new Error('no connection within 1 s')), 1_000);
        client.once('ready', ready);
        client.once('error', refused);
        client.once('end', closed);
      });
    }
    return client.call(command, ...args);
  }

  closeAll(): void {
    this.closed = true;
    for (const client of this.clients.values()) client.disconnect();
    this.clients.clear();
  }
}

export const localhost = (port: number): Address => ({ host: '127.0.0.1', port });
