import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether an executable called `command` is on the PATH. */
export function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Starts a server that dies with this process, however it ends: a shell holds the
 * server's pid and waits on its stdin, a pipe from us; when this process exits, is killed
 * (even with SIGKILL) or loses its terminal, the pipe closes and the shell kills the
 * server. `stop()` ends it on purpose.
 */
export function startGuarded(command: string, args: string[], env: NodeJS.ProcessEnv): { failed: Promise<never>; stop: () => Promise<void> } {
  const quoted = [command, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const guard = spawn('sh', ['-c', `${quoted} >/dev/null 2>&1 & server=$!; trap 'kill $server 2>/dev/null' EXIT; trap 'exit 1' HUP INT TERM; cat >/dev/null`], {
    stdio: ['pipe', 'ignore', 'ignore'],
    env,
  });
  const failed = new Promise<never>((_, reject) => {
    guard.once('error', reject);
    guard.once('exit', (code) => reject(new Error(`${command} exited (code ${code}) before it was ready`)));
  });
  failed.catch(() => {}); // only awaited while starting
  return {
    failed,
    stop: () =>
      new Promise<void>((resolve) => {
        if (guard.exitCode !== null) return resolve();
        guard.once('exit', () => resolve());
        guard.stdin?.end();
      }),
  };
}
