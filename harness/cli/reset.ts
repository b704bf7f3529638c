// `npm run reset 04`: puts the lab's starter back, after copying the learner's files to
// a backup folder it names (.course/backups/), so nothing typed is ever lost.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { findLabName, ROOT } from '../labs.js';
import { BadInputError } from '../services/errors.js';
import { git } from './git.js';
import { runCli } from './run-cli.js';

runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new BadInputError('Usage: npm run reset 04   (puts labs/04-.../src back as it was; your files are backed up first)');
  const lab = findLabName(positionals[0]!);
  const src = join(ROOT, 'labs', lab, 'src');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const backup = join(ROOT, '.course', 'backups', `${lab}-${stamp}`);
  if (existsSync(src)) {
    mkdirSync(backup, { recursive: true });
    cpSync(src, join(backup, 'src'), { recursive: true });
  }
  // The starter as the course shipped it: tracked files restored, files the learner added removed.
  await git(['checkout', 'HEAD', '--', `labs/${lab}/src`]);
  await git(['clean', '-fq', '--', `labs/${lab}/src`]);
  console.log(`labs/${lab}/src is the starter again. Your files are in ${relative(ROOT, backup)}/src.`);
  return 0;
});
