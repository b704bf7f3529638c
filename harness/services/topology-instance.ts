import type { ControlAction, Topology } from './topology.js';

/**
 * One running topology as the broker holds it. A course-started one (`topology.owned`)
 * can also be steered, reset and checked for leftovers; one found elsewhere (environment,
 * docker compose) only described and let go.
 */
export interface TopologyInstance<T extends Topology = Topology> {
  topology: T;
  /** The pids of the processes the course started for it (none for a found one). */
  pids(): number[];
  /** Stops, kills or restarts the server on `port`, or heals everything ('heal': restart what is stopped, wait until whole). */
  control?(action: ControlAction, port: number): Promise<void>;
  /** Makes it as good as new for the next file: servers restarted, data flushed, whole again. */
  reset?(): Promise<void>;
  /** Applies what a file asked for on acquiring it (small-redis: its maxmemory). */
  prepare?(options: { maxmemory?: string }): Promise<T>;
  stop(): Promise<void>;
}

/** The process on `port` among `processes`, or an error naming the ports there are. */
export function processOn<P extends { port: number; name: string }>(processes: P[], port: number): P {
  const found = processes.find((p) => p.port === port);
  if (!found) throw new Error(`no server of this topology listens on port ${port} (ports: ${processes.map((p) => p.port).join(', ')})`);
  return found;
}
