import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BadInputError } from './services/errors.js';

// Where the labs are and what a learner may call them. Reading a lab's lab.yaml is
// lab-meta.ts: the YAML parser and the schema cost a tenth of a second to load, which
// every `npm test` would pay for nothing.

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The folder names of every lab under labs/, in order. */
export function listLabNames(): string[] {
  return readdirSync(join(ROOT, 'labs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
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

/** The names of a lab's suite files (`*.test.ts`), e.g. `cache-aside.test.ts`. */
export function labSuiteFiles(lab: string): string[] {
  return readdirSync(join(ROOT, 'labs', lab)).filter((name) => name.endsWith('.test.ts'));
}

/**
 * The workers a lab's `npm test` asks for in its lab.yaml (`workers: 5`, validated by
 * lab-meta.ts), or undefined. Read with a pattern rather than the YAML parser, which every
 * run would pay for.
 */
export function labWorkers(lab: string): number | undefined {
  const match = /^workers:\s*(\d+)/m.exec(readFileSync(join(ROOT, 'labs', lab, 'lab.yaml'), 'utf8'));
  return match ? Number(match[1]) : undefined;
}
