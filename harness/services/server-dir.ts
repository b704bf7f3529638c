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
    // $0 is the folder; `wait` is interrupted by the trap, so removal is immediate.
    const script = `trap 'kill $! 2>/dev/null; rm -rf "$0"; exit 0' TERM; sleep 2147483647 & wait`;
    return new ServerDir(path, startGuarded('sh', ['-c', script, path], env));
  }

  /** Removes the folder now and stops the janitor. */
  async remove(): Promise<void> {
    rmSync(this.path, { recursive: true, force: true });
    await this.janitor.stop();
  }
}
