import { listLabs } from '../lab-meta.js';
import { firstFailing, readProgress } from './progress.js';

/** One lab as the learner stands on it: what `npm run status` prints and the site shows. */
export interface LabSummary {
  lab: string;
  title: string;
  passed: number;
  total: number;
  /** The check to work on next; absent when every check is green. */
  firstToFix?: string;
  /** ISO time of the last run of the learner's code, if any. */
  lastRun?: string;
}

/** Every lab, with its checks (each has hints in lab.yaml) against the last recorded results. */
export function labSummaries(): LabSummary[] {
  const progress = readProgress();
  return listLabs().map((lab) => {
    const checks = Object.keys(lab.meta.hints);
    const known = progress.labs[lab.name];
    const passed = checks.filter((id) => known?.checks[id] === true).length;
    const firstToFix = passed === checks.length ? undefined : (firstFailing(known) ?? checks.find((id) => known?.checks[id] !== true));
    return {
      lab: lab.name,
      title: lab.meta.title,
      passed,
      total: checks.length,
      ...(firstToFix ? { firstToFix } : {}),
      ...(known ? { lastRun: known.lastRun } : {}),
    };
  });
}
