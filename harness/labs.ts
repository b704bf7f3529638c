import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { BadInputError } from './services/errors.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

const CHECK_ID = /^\d\d\.\d+$/;

const labMetaSchema = z.strictObject({
  title: z.string().min(1),
  lesson: z.string().regex(/^\d\d-[a-z0-9-]+$/),
  starter_fails: z.array(z.string().regex(CHECK_ID)).min(1),
  hints: z.record(z.string().regex(CHECK_ID), z.array(z.string().trim().min(1)).min(1)),
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

/** The folder names of every lab under labs/, in order. */
export function listLabNames(): string[] {
  return readdirSync(join(ROOT, 'labs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
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

/** Finds a lab's folder name from what a learner typed: `labs/04-stampede`, `04-stampede`, `04`, `4`. */
export function findLabName(typed: string): string {
  const names = listLabNames();
  const wanted = typed.replace(/^\.?\/?labs\//, '').replace(/\/.*$/, '');
  const number = /^\d+$/.test(wanted) ? wanted.padStart(2, '0') : undefined;
  const name = names.find((n) => n === wanted || n.slice(0, 2) === number);
  if (!name) {
    throw new BadInputError(
      `No lab "${typed}". Labs: ${names.join(', ')}. Try: npm test labs/${names[0] ?? '01-cache-aside'}`,
    );
  }
  return name;
}
