import pg from 'pg';
import type { FoundService } from './found-service.js';
import { findService, type ServiceSearch } from './find-service.js';
import { freePort } from './ports.js';

/** Finds a Postgres: DATABASE_URL, then PGHOST:PGPORT (default 127.0.0.1:5432), Docker, PGlite. */
export async function findPostgres(env: NodeJS.ProcessEnv = process.env): Promise<FoundService> {
  return withPoolLimit(await findService(postgresSearch(env), env.DATABASE_URL, env), env);
}

/** A parent process that started PGlite passes its limit down with DATABASE_URL. */
export function withPoolLimit(found: FoundService, env: NodeJS.ProcessEnv): FoundService {
  const inheritedMax = Number(env.COURSE_PG_POOL_MAX);
  return found.poolMax || !(inheritedMax > 0) ? found : { ...found, poolMax: inheritedMax };
}

export function postgresSearch(env: NodeJS.ProcessEnv): ServiceSearch {
  const host = env.PGHOST ?? '127.0.0.1';
  const port = Number(env.PGPORT ?? 5432);
  const user = encodeURIComponent(env.PGUSER ?? 'postgres');
  const setBy = [env.PGHOST && 'PGHOST', env.PGPORT && 'PGPORT'].filter(Boolean).join(', ');
  return {
      name: 'Postgres',
      variable: 'DATABASE_URL',
      protocols: ['postgres:', 'postgresql:'],
      local: { host, port, url: `postgres://${user}@${host}:${port}/${env.PGDATABASE ?? 'postgres'}`, ...(setBy ? { setBy } : {}) },
      check: selectOne,
      docker: async () => {
        const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
        const container = await new PostgreSqlContainer('postgres:16-alpine').start();
        return {
          url: container.getConnectionUri(),
          source: 'Postgres started in Docker (testcontainers)',
          stop: async () => void (await container.stop()),
        };
      },
      embedded: startPglite,
      embeddedLabel: 'PGlite',
      embeddedAvailable: () => true,
      remedies: (where) => [
        env.PGHOST || env.PGPORT
          ? `Start Postgres on ${where}, or unset PGHOST/PGPORT and run \`docker compose up -d\` in the course folder (it serves 127.0.0.1:5432).`
          : 'Run `docker compose up -d` in the course folder (then `npm test` finds it on 127.0.0.1:5432).',
        'set DATABASE_URL=postgres://user:password@host:5432/db to a Postgres you already have.',
        'run `npm ci` again: the embedded fallback (@electric-sql/pglite) is part of the install.',
      ],
  };
}

async function selectOne(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => {}); // the rejected promise carries the error
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}

/** Embedded Postgres (WASM) behind a socket server, for machines with neither Postgres nor Docker. */
async function startPglite(): Promise<FoundService> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create();
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 64 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    source: `embedded Postgres (PGlite) started by the course on 127.0.0.1:${port}`,
    poolMax: 1,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
