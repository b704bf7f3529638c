// The bench's command line, parsed with node:util. A wrong flag is one readable line.
import { parseArgs } from 'node:util';
import { BadInputError } from '../harness/services/errors.js';
import { SECTIONS, type SectionName } from './results.js';

export interface BenchArgs {
  quick: boolean;
  write: boolean;
  sections: SectionName[];
  help: boolean;
}

export const USAGE = [
  `Usage: npm run bench [-- --quick] [--no-write] [--section ${SECTIONS.join('|')} ...]`,
  '  --quick      a few hundred operations per figure (seconds, for `npm run verify`); never written to the site',
  '  --no-write   print the tables only; leave docs/bench-results.json alone',
  '  --section    run only this section (repeat the flag for several)',
].join('\n');

export function parseBenchArgs(argv: string[]): BenchArgs {
  let values: { quick?: boolean; 'no-write'?: boolean; section?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean' },
        'no-write': { type: 'boolean' },
        section: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '');
    throw new BadInputError(`npm run bench: ${reason}. Flags: --quick, --no-write, --section ${SECTIONS.join('|')}, --help.`);
  }
  const unknown = (values.section ?? []).filter((name) => !SECTIONS.includes(name as SectionName));
  if (unknown.length > 0) {
    throw new BadInputError(`npm run bench: no section "${unknown[0]}"; choose from ${SECTIONS.join(', ')}.`);
  }
  const chosen = new Set(values.section ?? SECTIONS);
  return {
    quick: values.quick ?? false,
    write: !(values['no-write'] ?? false),
    sections: SECTIONS.filter((name) => chosen.has(name)),
    help: values.help ?? false,
  };
}
