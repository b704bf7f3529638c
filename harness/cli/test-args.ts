import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLabName, listLabNames, ROOT } from '../labs.js';
import { BadInputError } from '../services/errors.js';

/** What `npm test` was asked to run. */
export interface TestRequest {
  /** Lab folder names, in order; empty means every lab. */
  labs: string[];
  /** Check IDs (`04.5`) to run alone; empty means every check of the labs. */
  checks: string[];
  /** Other paths to hand vitest (the harness's own tests). */
  paths: string[];
  /** starter, solution, or a mistake file. */
  target: string;
  /** Flags for vitest, such as `-t pattern` or `--reporter=verbose`. */
  vitestArgs: string[];
}

const CHECK_ID = /^\d{1,2}\.\d+$/;
/** vitest flags whose value follows as the next word (any flag may also be written --flag=value). */
const VALUE_FLAGS = new Set(['--config', '-c', '--reporter', '--project', '--maxWorkers', '--testTimeout', '--bail', '--retry']);

/**
 * Reads `npm test` arguments however they were typed. npm keeps flags it does not know
 * when they come after `--`; without `--` it swallows them into npm_config_* variables
 * (`--solution` becomes npm_config_solution=true, `-t 06.7` becomes npm_config_t=true
 * and a bare `06.7`), so both spellings are accepted here.
 *   npm test 04              npm test labs/04-stampede      npm test 04.5
 *   npm test 04 --solution   npm test -- 04 --target solutions/04-stampede/mistakes/x.ts
 *   npm test 06 -t 06.7      npm test -- 06 -t "logout"
 */
export function parseTestArgs(argv: string[], env: NodeJS.ProcessEnv): TestRequest {
  const request: TestRequest = { labs: [], checks: [], paths: [], target: env.LAB_TARGET || 'starter', vitestArgs: [] };
  const addLab = (name: string) => {
    if (!request.labs.includes(name)) request.labs.push(name);
  };
  let namePattern = false; // npm swallowed a -t: the next bare word is its pattern
  if (env.npm_config_solution === 'true') request.target = 'solution';
  if (env.npm_config_target && env.npm_config_target !== 'true') request.target = env.npm_config_target;
  if (env.npm_config_t === 'true' || env.npm_config_testnamepattern === 'true') namePattern = true;

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--solution') request.target = 'solution';
    else if (arg === '--target') request.target = required(argv[++i], '--target needs a value: starter, solution, or solutions/NN-name/mistakes/x.ts');
    else if (arg.startsWith('--target=')) request.target = arg.slice('--target='.length);
    else if (arg === '--watch' || arg === '-w') throw new BadInputError('For a lab that reruns on every save, use: npm run watch 04');
    else if (arg === '-t' || arg === '--testNamePattern') request.vitestArgs.push('-t', required(argv[++i], `${arg} needs a pattern, e.g. -t "06.7"`));
    else if (VALUE_FLAGS.has(arg)) request.vitestArgs.push(arg, required(argv[++i], `${arg} needs a value`));
    else if (arg.startsWith('-')) request.vitestArgs.push(arg);
    else if (arg.startsWith('harness/')) request.paths.push(arg);
    else if (CHECK_ID.test(arg)) {
      const [lab = '', check] = arg.split('.');
      const id = `${lab.padStart(2, '0')}.${check}`;
      addLab(findLabName(id.slice(0, 2)));
      request.checks.push(id);
    } else if (namePattern && !looksLikeLab(arg)) {
      request.vitestArgs.push('-t', arg);
      namePattern = false;
    } else addLab(findLabName(arg));
  }
  return request;
}

function required(value: string | undefined, message: string): string {
  if (value === undefined || value.startsWith('-')) throw new BadInputError(message);
  return value;
}

function looksLikeLab(arg: string): boolean {
  const wanted = arg.replace(/^\.?\/?labs\//, '').replace(/\/.*$/, '');
  return listLabNames().some((name) => name === wanted || name.slice(0, 2) === wanted.padStart(2, '0'));
}

/** vitest's arguments for `checks` of `labs` (every check when none): the files that hold them, and a -t pattern. */
export function suiteArgs(labs: string[], checks: string[], root = ROOT): string[] {
  if (checks.length === 0) return labs.map((lab) => `labs/${lab}/`);
  return [...checkFiles(labs, checks, root), '-t', checksPattern(checks)];
}

/** vitest's -t pattern for check IDs: the ID opens the check's name. */
function checksPattern(ids: string[]): string {
  return `(^|\\s)(${ids.map((id) => id.replace('.', '\\.')).join('|')})\\s`;
}

/**
 * The test files of `labs` that hold the checks `ids`, as vitest paths: a run of one check
 * starts one file, not the whole lab (each file costs a worker and its imports). A check
 * written in a support file (a list of cases) runs its whole lab. A check no file holds is
 * a typing mistake, said in one line with the lab's range of checks.
 */
export function checkFiles(labs: string[], ids: string[], root = ROOT): string[] {
  const files = labs.flatMap((lab) =>
    readdirSync(join(root, 'labs', lab))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => ({ lab, name, text: readFileSync(join(root, 'labs', lab, name), 'utf8') })),
  );
  const holds = (text: string, id: string) => new RegExp(`['"\`]${id.replace('.', '\\.')}\\s`).test(text);
  const paths = new Set<string>();
  for (const id of ids) {
    const holding = files.filter((file) => holds(file.text, id));
    for (const file of holding) paths.add(file.name.endsWith('.test.ts') ? `labs/${file.lab}/${file.name}` : `labs/${file.lab}/`);
    if (holding.length > 0) continue;
    const lab = labs.find((name) => name.startsWith(id.slice(0, 2)))!;
    const known = files.filter((file) => file.lab === lab).flatMap((file) => [...file.text.matchAll(/['"`](\d\d)\.(\d+)\s/g)].map((m) => Number(m[2])));
    const range = known.length ? `: its checks are ${id.slice(0, 2)}.${Math.min(...known)} to ${id.slice(0, 2)}.${Math.max(...known)}` : '';
    throw new BadInputError(`No check ${id} in labs/${lab}${range}. \`npm run status\` shows every lab's checks.`);
  }
  return [...paths];
}
