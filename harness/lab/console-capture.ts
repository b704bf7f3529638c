import { format } from 'node:util';
import { onTestFinished, vi } from 'vitest';

export type ConsoleLevel = 'log' | 'info' | 'debug' | 'warn' | 'error';

export interface CapturedConsole {
  /** What the lab's code printed since the capture began, one entry per call, formatted as the console would. */
  lines(): string[];
  /** Stops capturing (done anyway when the check ends). */
  restore(): void;
}

/**
 * Silences the console during a check and keeps what the lab's own code prints: a call
 * counts when a frame of lab `labNumber`'s code (labs/NN-name/src, solutions/NN-name/...)
 * is on its stack. Work that an earlier check, or another lab's check in the same worker,
 * left running may print meanwhile; those lines are not this check's.
 *
 *   const logs = captureConsole('05');
 *   ...
 *   expect(logs.lines()).toEqual([]);
 */
export function captureConsole(labNumber: string, levels: ConsoleLevel[] = ['warn', 'error']): CapturedConsole {
  const labCode = new RegExp(`[\\\\/](labs|solutions)[\\\\/]${labNumber}-[^\\\\/]+[\\\\/](src|mistakes|broken)[\\\\/]`);
  const lines: string[] = [];
  const spies = levels.map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      if (labCode.test(callerStack())) lines.push(format(...args));
    }),
  );
  const restore = () => spies.forEach((spy) => spy.mockRestore());
  onTestFinished(restore);
  return { lines: () => [...lines], restore };
}

/**
 * The files on the console call's stack, all of them (the lab's frame may sit below the
 * spy's and a logger's own), read from V8's call sites: formatting a stack the usual way
 * maps every frame through source maps, which costs far more than the check needs.
 */
function callerStack(): string {
  const { prepareStackTrace, stackTraceLimit } = Error;
  Error.stackTraceLimit = 100;
  Error.prepareStackTrace = (_error, sites) => sites.map((site) => site.getFileName() ?? '').join('\n');
  try {
    return String(new Error().stack);
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}
