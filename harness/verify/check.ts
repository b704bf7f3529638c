/** One line of verify's outcome: a named check that passed or failed, and why. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** What went wrong and what to do next; shown only for failures. */
  detail?: string;
}
