import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
// Vitest's own Vite (the root one is VitePress's), whose Plugin type knows configureVitest.
import type { Plugin } from 'vitest/config';
import { BadInputError } from '../services/errors.js';
import { readMistakeHeader } from '../verify/mistake-header.js';

/**
 * What a lab's suite runs against, chosen from outside the suite by LAB_TARGET:
 *   starter (default)              labs/NN-name/src, the learner's code
 *   solution                       solutions/NN-name/src
 *   solutions/NN-name/mistakes/X.ts  the solution with one module swapped for a known mistake
 */
export type LabTarget =
  | { kind: 'starter' }
  | { kind: 'solution' }
  | { kind: 'mistake'; lab: string; file: string; replaces: string };

export function parseTarget(value: string | undefined, root: string): LabTarget {
  if (!value || value === 'starter') return { kind: 'starter' };
  if (value === 'solution') return { kind: 'solution' };
  const file = resolve(root, value);
  const match = relative(root, file).split(sep);
  if (match[0] !== 'solutions' || match[2] !== 'mistakes' || match.length !== 4) {
    throw new BadInputError(
      `LAB_TARGET=${value} is not understood; use starter, solution, or a file under solutions/NN-name/mistakes/.`,
    );
  }
  if (!existsSync(file)) throw new BadInputError(`LAB_TARGET=${value}: no such file. List them with: ls ${match.slice(0, 3).join('/')}`);
  const header = readMistakeHeader(readFileSync(file, 'utf8'), value);
  return { kind: 'mistake', lab: match[1]!, file, replaces: header.replaces };
}

/**
 * Where a module of a lab's code lives for `target`: `file` is a module the import
 * resolved to in the usual way (the starter, or a solution module importing a sibling),
 * `importer` the file that imports it. The starter is used as it is; for the solution,
 * a lab module resolves to the solution's module of the same name, and a mistake stands
 * in for the module it replaces wherever it is imported from (except from the mistake
 * itself, which may build on the real one). A module only the lab has (its contract.ts)
 * is the same for every target. Undefined: `file` is not lab code (harness, packages).
 */
export function targetModule(root: string, target: LabTarget, file: string, importer: string): string | undefined {
  const [top, lab, src, ...rest] = relative(root, file).split(sep);
  const isLabCode = (top === 'labs' || top === 'solutions') && src === 'src' && Boolean(lab);
  if (!isLabCode) return undefined;
  if (target.kind === 'starter') return file;
  if (target.kind === 'mistake' && lab === target.lab && sameModule(rest.join('/'), target.replaces) && importer !== target.file) {
    return target.file;
  }
  if (top !== 'labs') return file;
  const solutionFile = resolve(root, 'solutions', lab!, 'src', ...rest);
  return existsSync(solutionFile) ? solutionFile : file;
}

/**
 * A Vite plugin that leaves the suite untouched and moves its imports: a suite imports
 * `./src/x.js` (the starter, which is also what type-checks it); for another target the
 * same import resolves as `targetModule` says, wherever in the lab's code it is imported.
 */
export function labTarget(root: string, target: LabTarget): Plugin {
  return {
    name: 'course-lab-target',
    enforce: 'pre',
    // The learner's runs keep transformed modules on disk (fsModuleCache); a module's
    // imports resolve differently per target, so the target is part of every cache key.
    configureVitest({ experimental_defineCacheKeyGenerator }) {
      experimental_defineCacheKeyGenerator(() => JSON.stringify(target));
    },
    async resolveId(source, importer, options) {
      if (target.kind === 'starter' || !importer || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) return null;
      const moved = targetModule(root, target, resolved.id, importer);
      return moved && moved !== resolved.id ? moved : null;
    },
  };
}

function sameModule(a: string, b: string): boolean {
  return a.replace(/\.[cm]?[jt]s$/, '') === b.replace(/\.[cm]?[jt]s$/, '');
}
