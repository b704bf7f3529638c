import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { listLabNames, ROOT } from './labs.js';
import { BadInputError } from './services/errors.js';

// A lab's lab.yaml, read and validated: its title, lesson, the checks its starter fails,
// and the hints for every check.

const CHECK_ID = /^\d\d\.\d+$/;

const labMetaSchema = z.strictObject({
  title: z.string().min(1),
  lesson: z.string().regex(/^\d\d-[a-z0-9-]+$/),
  starter_fails: z.array(z.string().regex(CHECK_ID)).min(1),
  hints: z.record(z.string().regex(CHECK_ID), z.array(z.string().trim().min(1)).min(1)),
  /** More workers for the lab's `npm test` than the default three (read by labs.ts's labWorkers). */
  workers: z.number().int().min(4).max(8).optional(),
});

export interface Lab {
  /** Folder name, e.g. `01-cache-aside`. */
  name: string;
  /** Two digits, e.g. `01`. */
  number: string;
  dir: string;
  solutionDir: string;
  meta: z.infer<typeof labMetaSchema>;
}

/** Every lab, with its lab.yaml read and validated. */
export function listLabs(): Lab[] {
  return listLabNames().map(readLab);
}

export function readLab(name: string): Lab {
  const dir = join(ROOT, 'labs', name);
  const metaFile = join(dir, 'lab.yaml');
  if (!existsSync(metaFile)) throw new BadInputError(`labs/${name} has no lab.yaml; copy the shape of labs/01-cache-aside/lab.yaml.`);
  let raw: unknown;
  try {
    raw = parse(readFileSync(metaFile, 'utf8'));
  } catch (error) {
    throw new BadInputError(`labs/${name}/lab.yaml is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const meta = labMetaSchema.safeParse(raw);
  if (!meta.success) {
    const issue = meta.error.issues[0]!;
    throw new BadInputError(`labs/${name}/lab.yaml: ${issue.path.join('.') || '(top level)'}: ${issue.message} (text containing ": " needs quotes or a >- block)`);
  }
  return { name, number: name.slice(0, 2), dir, solutionDir: join(ROOT, 'solutions', name), meta: meta.data };
}
