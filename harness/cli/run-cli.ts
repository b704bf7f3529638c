import { CourseError } from '../services/errors.js';

/**
 * Runs a command-line entry point: a CourseError (bad input, no server) prints its one
 * line and exits 2; anything else is a bug in the course and keeps its stack.
 */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof CourseError) {
        console.error(error.message);
        process.exit(2);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
