import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { LabDatabase } from './lab-database.js';
import { LabRedis } from './lab-redis.js';
import { runScope } from '../services/live-run.js';
import type {} from '../vitest/provided-context.js';
import { auditWrites, type WriteFinding } from './write-audit.js';

export interface Lab {
  /** Redis under this file's own key prefix. */
  redis: LabRedis;
  /** Postgres in this file's own schema. */
  db: LabDatabase;
}

export interface LabOptions {
  /**
   * Keys (relative to the prefix) the lab's code may write without a TTL: data that must
   * not vanish, such as a write-behind buffer. Every other key needs one.
   */
  keysWithoutTtl?: RegExp;
  /**
   * `false` when no client of `lab.redis.client()` is ever handed out, so there is no
   * code under test for the audit to judge (lab 14 grades checks, and polices their keys
   * itself): the file then reads no MONITOR, which costs a worker the parse of every
   * command the server runs, anyone's.
   */
  audit?: boolean;
}

/**
 * Gives one test file its own Redis prefix and Postgres schema, created before the
 * first test and removed after the last. Between tests, keys are removed and the query
 * log, latency and faults are reset, so every test starts from a cold cache.
 *
 * After every test, what the server ran for the code under test is judged, whatever the
 * test itself checked (write-audit.ts): a key written without a TTL in the same step, or
 * a key written outside the prefix, fails the test.
 *
 *   const lab = useLab('01');
 *   it('...', async () => { const cache = createProductCache({ redis: lab.redis.client(), ... }) })
 */
export function useLab(labNumber: string, options: LabOptions = {}): Lab {
  const { redisUrl, databaseUrl, pgPoolMax, runId } = inject('services');
  const { url: monitorHub } = inject('monitorHub');
  const { prefix, schema } = runScope(runId, labNumber);
  const lab = {} as Lab;
  let logStart = 0;
  const { audit = true, ...auditOptions } = options;

  beforeAll(async () => {
    [lab.redis, lab.db] = await Promise.all([LabRedis.open(redisUrl, prefix, { monitor: audit, monitorHub }), LabDatabase.create(databaseUrl, schema, pgPoolMax)]);
  });
  beforeEach(async () => {
    if (audit) logStart = await lab.redis.log.sync();
  });
  afterEach(async () => {
    const findings = audit ? await auditSince(lab.redis, logStart, auditOptions) : [];
    await lab.redis.deleteAll();
    await lab.redis.unlink([...new Set(findings.filter((f) => f.kind === 'outside-prefix').map((f) => f.key))]);
    lab.db.queries.reset();
    lab.db.latencyMs = 0;
    lab.db.clearFaults();
    if (findings.length > 0) throw new WriteAuditError(explain(findings, lab.redis.prefix));
  });
  afterAll(async () => {
    await Promise.all([lab.redis?.close(), lab.db?.close()]);
  });
  return lab;
}

/** What the code under test wrote since position `from` of the server log that was not as it should be. */
async function auditSince(redis: LabRedis, from: number, options: Omit<LabOptions, 'audit'>): Promise<WriteFinding[]> {
  const log = redis.log;
  await log.sync();
  return auditWrites(redis.admin, log.since(from), { prefix: redis.prefix, isCode: (command) => log.isCode(command), ...options });
}

/** A failure found by the audit; it points at the learner's code, so no stack into the harness. */
class WriteAuditError extends Error {
  override name = 'Write audit';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

/** The findings as a lesson: what the server saw, what was expected, and why. */
function explain(findings: WriteFinding[], prefix: string): string {
  const show = (kind: WriteFinding['kind']) => {
    // One line per key: the first command that wrote it so.
    const byKey = new Map(findings.filter((f) => f.kind === kind).reverse().map((f) => [f.key, f]));
    const found = [...byKey.values()].reverse();
    const lines = found.slice(0, 5).map((f) => `  ${f.command}`);
    if (found.length > 5) lines.push(`  ...and ${found.length - 5} more`);
    return { found, lines: lines.join('\n') };
  };
  const untimed = show('no-ttl');
  const outside = show('outside-prefix');
  const parts: string[] = [];
  if (untimed.found.length > 0) {
    parts.push(
      `Your code wrote ${untimed.found.length} key(s) that had no TTL when the step that wrote them ended:\n${untimed.lines}\n` +
        'Expected every cache key to carry its TTL from the moment it exists: in the same command (SET key value EX seconds), ' +
        'or in the same MULTI ... EXEC or script. A separate EXPIRE leaves a window where a crash keeps the key for ever ' +
        '(lesson 01, "TTL on every write"; lesson 02).',
    );
  }
  if (outside.found.length > 0) {
    parts.push(
      `Your code wrote outside its key prefix ${prefix}:\n${outside.lines}\n` +
        'Expected every key to start with the keyPrefix option. Those keys were removed now; on a shared Redis they would have stayed ' +
        'and collided with the next run or with other tenants (lesson 02, "Keys").',
    );
  }
  return parts.join('\n\n');
}
