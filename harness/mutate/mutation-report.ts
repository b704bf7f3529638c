import { existsSync, readFileSync } from 'node:fs';

/**
 * `solutions/NN-name/mutation.md`: what mutation testing found in a lab's reference
 * solution. `npm run mutate NN` writes it; a person explains each surviving mutant in its
 * row (why it is equivalent, or irrelevant to what the lab teaches) or kills it with a
 * better check. The score counts only mutants that could have been caught:
 *   caught / (mutants - those explained as equivalent or irrelevant)
 * verify reads the score line and refuses a lab below 90% or with an unexplained survivor.
 */
export const MIN_SCORE = 90;

export interface Survivor {
  /** `with-timeout.ts:12:7` */
  where: string;
  /** `ConditionalExpression: true` */
  mutation: string;
  /** Starts with "equivalent:" or "irrelevant:" once explained; TODO until then. */
  why: string;
}

export interface MutationSummary {
  date: string;
  mutants: number;
  caught: number;
  survivors: Survivor[];
}

const UNEXPLAINED = 'TODO: kill it with a check, or explain why it is equivalent or irrelevant';
export const isExplained = (survivor: Survivor) => /^(equivalent|irrelevant):\s*\S/i.test(survivor.why);

export function scoreOf(summary: MutationSummary): number {
  const excluded = summary.survivors.filter(isExplained).length;
  const counted = summary.mutants - excluded;
  return counted === 0 ? 100 : Math.floor((1000 * summary.caught) / counted) / 10;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const uncell = (text: string) => text.replace(/\\\|/g, '|').trim();

export function renderReport(lab: string, summary: MutationSummary): string {
  const explained = summary.survivors.filter(isExplained).length;
  const rows = summary.survivors.map((s) => `| \`${cell(s.where)}\` | \`${cell(s.mutation)}\` | ${cell(s.why)} |`);
  return [
    `# Mutation testing: ${lab}`,
    '',
    `\`npm run mutate ${lab.slice(0, 2)}\` runs StrykerJS over \`solutions/${lab}/src/\` with the lab's suite: each`,
    'mutant is a small change to the reference solution (a condition flipped, a TTL argument',
    'removed, a string emptied), and the suite must fail on it. A mutant the suite lets through',
    'is a wrong answer a learner could hand in and see green.',
    '',
    `Score: **${scoreOf(summary)}%** of the mutants that could be caught were caught (${summary.date}: ${summary.mutants} mutants, ${summary.caught} caught, ${summary.survivors.length} survived, ${explained} of them explained below as equivalent or irrelevant).`,
    '',
    '## Surviving mutants',
    '',
    ...(rows.length === 0
      ? ['None: every mutant made the suite fail.']
      : ['| where | mutation | why it survives |', '| --- | --- | --- |', ...rows]),
    '',
  ].join('\n');
}

/** Reads a committed report; undefined when the file does not exist or has no score line. */
export function readReport(path: string): MutationSummary | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const head = /\((\d{4}-\d{2}-\d{2}): (\d+) mutants, (\d+) caught/.exec(text);
  if (!head) return undefined;
  const survivors = [...text.matchAll(/^\| `(.+?)` \| `(.+?)` \| (.*) \|$/gm)].map((row) => ({
    where: uncell(row[1]!),
    mutation: uncell(row[2]!),
    why: uncell(row[3]!),
  }));
  return { date: head[1]!, mutants: Number(head[2]), caught: Number(head[3]), survivors };
}

/** Keeps the explanation a person wrote for a survivor that survives again. */
export function carryExplanations(fresh: Survivor[], previous: Survivor[] = []): Survivor[] {
  const explained = previous.filter(isExplained);
  const said = new Map(explained.map((s) => [`${s.where} ${s.mutation}`, s.why]));
  // Lines move when code above a survivor changes; the same mutation in the same file is
  // the same survivor, so its explanation follows it.
  const file = (where: string) => where.split(':')[0];
  const saidInFile = new Map(explained.map((s) => [`${file(s.where)} ${s.mutation}`, s.why]));
  return fresh.map((s) => ({
    ...s,
    why: said.get(`${s.where} ${s.mutation}`) ?? saidInFile.get(`${file(s.where)} ${s.mutation}`) ?? UNEXPLAINED,
  }));
}
