import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../labs.js';

/**
 * Type-checks the learner's files of the given labs (labs/NN-name/**), as the lab's own
 * first failure: `npm test` is vitest, which runs TypeScript without checking its types,
 * so a lab could otherwise go green with type errors. Incremental (.course/tsc/), so a
 * second run costs half a second. Returns one line per error in the labs' files,
 * `labs/01-cache-aside/src/get-or-fetch.ts:12:5 TS2322: Type ... is not assignable ...`.
 */
export function typecheckLabs(labs: string[]): Promise<string[]> {
  return typecheckFolders(labs.map((lab) => `labs/${lab}`), labs.length === 1 ? labs[0]! : 'labs');
}

/** The same for any folders of the repo (paths from its root); `name` keeps their incremental state apart. */
export async function typecheckFolders(folders: string[], name: string): Promise<string[]> {
  const dir = join(ROOT, '.course', 'tsc');
  mkdirSync(dir, { recursive: true });
  const config = join(dir, `${name}.tsconfig.json`);
  writeFileSync(
    config,
    JSON.stringify({
      extends: '../../tsconfig.json',
      compilerOptions: { incremental: true, tsBuildInfoFile: `./${name}.tsbuildinfo` },
      include: folders.map((folder) => `../../${folder}/**/*.ts`),
      exclude: [],
    }),
  );
  // Single-threaded: it runs beside the lab's checks, which need the other core.
  const output = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--singleThreaded', '--pretty', 'false', '-p', config]);
  return output
    .split('\n')
    .map((line) => /^([^(]+)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null && folders.some((folder) => match[1]!.startsWith(`${folder}/`)))
    .map(([, file, line, column, code, message]) => `${file}:${line}:${column} ${code}: ${message}`);
}

function run(command: string, args: string[]): Promise<string> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', () => resolve(output)));
}
