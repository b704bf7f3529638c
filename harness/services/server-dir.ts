import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGuarded } from './guarded-process.js';

/**
 * The temporary folder holding every file of the servers the course starts in one run
 * (configs, nodes.conf, logs, Sentinel state), removed when the run ends. A janitor, a
 * guarded shell (guarded-process.ts), removes it too when the run is killed or loses its
 * terminal: it waits on a pipe from this process, and when the pipe closes it removes the
 * folder and exits.
 */
export class ServerDir {
  private constructor(
    readonly path: string,
    private readonly janitor: { stop: () => Promise<void> },
  ) {}

  static create(env: NodeJS.ProcessEnv = process.env): ServerDir {
    const path = mkdtempSync(join(tmpdir(), 'course-servers-'));
    // $0 is the folder; `wait` is interrupted by the trap, so removal is immediate. A server
    // dying at the same moment may still write a file into it (its log), and rm -rf then
    // fails on a folder that is not empty: it tries again, for up to five seconds.
    const script = `trap 'kill $! 2>/dev/null; for try in 1 2 3 4 5 6 7 8 9 10; do rm -rf "$0" 2>/dev/null; [ -e "$0" ] || break; sleep 0.5; done; exit 0' TERM; sleep 2147483647 & wait`;
    return new ServerDir(path, startGuarded('sh', ['-c', script, path], env));
  }

  /** Removes the folder now and stops the janitor. */
  async remove(): Promise<void> {
    rmSync(this.path, { recursive: true, force: true });
    await this.janitor.stop();
  }
}
