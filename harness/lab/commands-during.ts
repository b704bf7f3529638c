import type { Redis } from 'ioredis';
import { commandsOf, monitorServerOf, openMonitor, type ServerCommand } from './monitor.js';
import { LIVENESS_MS } from './teach.js';

/**
 * Every command the servers behind `admins` ran while `work` was in flight, from a MONITOR
 * on each, with the index of the server that ran it. Each server is synced at the end by
 * an ECHO of a marker on its admin connection, so nothing `work` sent is missed; the
 * markers are left out. For servers of the suite's own (a small Redis, a cluster's nodes),
 * where every command is the code's: the shared Redis has a log per file (ServerLog).
 */
export async function commandsDuring(admins: Redis[], work: () => Promise<unknown>): Promise<(ServerCommand & { server: number })[]> {
  const seen: (ServerCommand & { server: number })[] = [];
  const marker = `end-of-work-${Math.random()}`;
  const isMarker = (command: ServerCommand) => command.name === 'ECHO' && command.args[0] === marker;
  await Promise.all(admins.map((admin) => admin.ping())); // connected first: their handshakes are not the code's
  const sockets = await Promise.all(admins.map((admin, server) => openMonitor(monitorServerOf(admin), commandsOf((command) => seen.push(Object.assign(command, { server }))))));
  const start = seen.length;
  try {
    await work();
  } finally {
    await Promise.all(admins.map((admin) => admin.echo(marker)));
    const deadline = Date.now() + LIVENESS_MS;
    while (seen.filter(isMarker).length < admins.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const socket of sockets) socket.destroy();
  }
  return seen.slice(start).filter((command) => !isMarker(command));
}
