import { LatencyWindow } from './latency.js';

/** The cache's own counters: per feature, unlike the server-wide keyspace_hits. */
export class CacheStats {
  hits = 0;
  misses = 0;
  errors = 0;
  bypassed = 0;
  lastError: string | null = null;
  readonly latency = new LatencyWindow();
  /** Why the connection is down, kept so "not connected" does not hide it. */
  private connectionError: string | null = null;

  /** An 'error' event of the client: a refused connection, WRONGPASS, a TLS failure. */
  connectionFailed(error: Error): void {
    this.connectionError = error.message;
    this.lastError = error.message;
  }

  connected(): void {
    this.connectionError = null;
  }

  /** A failed call; while disconnected, the reason for the disconnection says more. */
  callFailed(error: Error): void {
    this.errors += 1;
    this.lastError = this.connectionError ?? error.message;
  }

  get hitRatio(): number {
    const reads = this.hits + this.misses;
    return reads === 0 ? 0 : this.hits / reads;
  }
}
