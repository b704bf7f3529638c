import pg from 'pg';

/** The system catalogs a schema's CREATE and DROP leave dead rows in. */
const CATALOGS = ['pg_attribute', 'pg_depend', 'pg_class', 'pg_type', 'pg_constraint', 'pg_index', 'pg_attrdef', 'pg_namespace'];

/**
 * Every test file creates a schema and drops it, so a run leaves thousands of dead rows in
 * Postgres's own catalogs. Autovacuum reclaims them; on a server where it is off they pile
 * up run after run, and every CREATE TABLE and catalog lookup slows down (a day of verify
 * runs left pg_attribute at 87 MB and made the labs a third slower). There, the run
 * vacuums the catalogs itself: VACUUM removes only dead rows and takes no lock that
 * blocks other sessions. Without the rights to do it, Postgres skips it with a warning.
 */
export async function vacuumCatalogsIfNeeded(databaseUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('notice', () => {}); // "skipping ...: only superuser can vacuum it" is not the learner's concern
  try {
    await db.connect();
    const { rows } = await db.query<{ autovacuum: string }>('SHOW autovacuum');
    if (rows[0]?.autovacuum === 'off') await db.query(`VACUUM ${CATALOGS.map((table) => `pg_catalog.${table}`).join(', ')}`);
  } catch {
    // Best effort: a run's results never depend on it.
  } finally {
    await db.end().catch(() => {});
  }
}
