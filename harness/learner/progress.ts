import { z } from 'zod';
import { readLearnerFile, writeLearnerFile } from './learner-file.js';

/**
 * `.course/progress.json`: the last result of every check of every lab, as the learner's
 * own code last ran it (`npm test`, `npm run watch`). `npm run status` prints it, and the
 * site shows it while served locally (`npm run dev`).
 */
const FILE = 'progress.json';

const labProgressSchema = z.object({
  /** Check ID -> passed, for every check that ran in the last run that included it. */
  checks: z.record(z.string(), z.boolean()),
  /** ISO time of the last run of this lab. */
  lastRun: z.string(),
});
const progressSchema = z.object({ labs: z.record(z.string(), labProgressSchema) });

export type LabProgress = z.infer<typeof labProgressSchema>;
export type Progress = z.infer<typeof progressSchema>;

export const PROGRESS_FILE = FILE;

export function readProgress(): Progress {
  return readLearnerFile(FILE, progressSchema, () => ({ labs: {} }));
}

/** Records one run's results: `results` maps lab folder name -> check ID -> passed. */
export function recordRun(results: Record<string, Record<string, boolean>>, at = new Date()): Progress {
  const progress = readProgress();
  for (const [lab, checks] of Object.entries(results)) {
    // A run of one check keeps what is known about the others.
    progress.labs[lab] = { checks: { ...progress.labs[lab]?.checks, ...checks }, lastRun: at.toISOString() };
  }
  writeLearnerFile(FILE, progress);
  return progress;
}

const byId = (a: string, b: string) => Number(a.split('.')[1]) - Number(b.split('.')[1]);

/** The first failing check of a lab in check order, if any. */
export function firstFailing(progress: LabProgress | undefined): string | undefined {
  return Object.entries(progress?.checks ?? {})
    .filter(([, passed]) => !passed)
    .map(([id]) => id)
    .sort(byId)[0];
}
