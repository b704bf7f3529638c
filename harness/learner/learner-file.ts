import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { ROOT } from '../labs.js';

/**
 * What the course remembers about one learner on this machine (lab progress, quiz
 * answers, the quiz's shuffle seed) lives in `.course/`, which git ignores. A file that
 * is missing, unreadable or from an older shape counts as empty: losing progress is
 * better than refusing to run.
 */
export const LEARNER_DIR = join(ROOT, '.course');

export function readLearnerFile<T>(name: string, schema: z.ZodType<T>, empty: () => T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(join(LEARNER_DIR, name), 'utf8')));
    return parsed.success ? parsed.data : empty();
  } catch {
    return empty();
  }
}

/** Writes whole or not at all (a rename), so a run killed mid-write leaves the old file. */
export function writeLearnerFile(name: string, value: unknown): void {
  mkdirSync(LEARNER_DIR, { recursive: true });
  const path = join(LEARNER_DIR, name);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, path);
}
