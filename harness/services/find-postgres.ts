import pg from 'pg';
import { canConnect, parseServiceUrl } from './probe.js';
import { ServiceNotFoundError, ServiceUnreachableError } from './errors.js';
import { firstLine, nothingToStop, type FoundService } from './found-service.js';
import { freePort } from './ports.js';

const REMEDIES = [
  'Run `docker compose up -d` in the course folder (then `npm test` finds it on 127.0.0.1:5432).',
  'set DATABASE_URL=postgres://user:password@host:5432/db to a Postgres you already have.',
  'run `npm ci` again: the embedded fallback (@electric-sql/pglite) is part of the install.',
];

/** Finds a Postgres: DATABASE_URL, the local default port, Docker, then embedded PGlite. */
export async function findPostgres(env: NodeJS.ProcessEnv = process.env): Promise<FoundService> {
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    const { host, port } = parseServiceUrl('DATABASE_URL', url, ['postgres:', 'postgresql:']);
    if (!(await canConnect(host, port))) throw new ServiceUnreachableError('DATABASE_URL', url, 'nothing answers there');
    await selectOne(url).catch((error: unknown) => {
      throw new ServiceUnreachableError('DATABASE_URL', url, `a query failed (${firstLine(error)})`);
    });
    return { url, source: 'Postgres from DATABASE_URL', poolMax: poolMaxFrom(env), stop: nothingToStop };
  }

  const tried: string[] = [];
  const host = env.PGHOST ?? '127.0.0.1';
  const port = Number(env.PGPORT ?? 5432);
  if (await canConnect(host, port)) {
    const user = env.PGUSER ?? 'postgres';
    const url = `postgres://${encodeURIComponent(user)}@${host}:${port}/${env.PGDATABASE ?? 'postgres'}`;
    const answered = await selectOne(url).then(
      () => true,
      (error: unknown) => (tried.push(`${host}:${port} refused ${user}: ${firstLine(error)}`), false),
    );
    if (answered) return { url, source: `Postgres already running on ${host}:${port}`, stop: nothingToStop };
  } else {
    tried.push(`nothing listening on ${host}:${port}`);
  }

  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return {
      url: container.getConnectionUri(),
      source: 'Postgres started in Docker (testcontainers)',
      stop: async () => void (await container.stop()),
    };
  } catch (error) {
    tried.push(`Docker: ${firstLine(error)}`);
  }

  try {
    return await startPglite();
  } catch (error) {
    tried.push(`PGlite: ${firstLine(error)}`);
  }
  throw new ServiceNotFoundError('Postgres', tried, REMEDIES);
}

/** DATABASE_URL may point at the PGlite a parent process started; it says so in COURSE_PG_POOL_MAX. */
function poolMaxFrom(env: NodeJS.ProcessEnv): number | undefined {
  const max = Number(env.COURSE_PG_POOL_MAX);
  return Number.isInteger(max) && max > 0 ? max : undefined;
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
