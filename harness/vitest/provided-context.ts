// What the course's global setup hands every test file (inject('services')). Imported for
// its types wherever inject('services') is used, so a type-check of one lab sees them too.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The servers, and the id of this run: every key prefix and schema carries it (live-run.ts). */
    services: { redisUrl: string; databaseUrl: string; pgPoolMax: number; runId: string };
    /** Where to ask for a cluster, Sentinels or a Redis of a file's own (harness/services/server-broker.ts). */
    serverBroker: { url: string };
    /** Where each file reads the server's one MONITOR of the run (harness/services/monitor-hub.ts). */
    monitorHub: { url: string };
  }
}

export {};
