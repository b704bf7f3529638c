import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildOutcome {
  ok: boolean;
  /** Everything vitepress printed, colours stripped. */
  output: string;
  durationMs: number;
}

/**
 * Runs `vitepress build` in a child process, output captured: a failing build must
 * become one check's detail, not a crash of whoever called us. The bound catches a build
 * that hangs, not a slow one: verify builds beside all the labs' test processes on
 * two cores, where a build of 30 s of CPU has taken over three minutes of wall time.
 */
export function buildSite(root: string, timeoutMs = 480_000): Promise<BuildOutcome> {
  const bin = join(root, 'node_modules', 'vitepress', 'bin', 'vitepress.js');
  const started = Date.now();
  if (!existsSync(bin)) {
    return Promise.resolve({ ok: false, output: `${bin} is missing: run npm ci`, durationMs: 0 });
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'build'], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\nvitepress build took longer than ${timeoutMs} ms and was stopped`;
      child.kill('SIGKILL');
    }, timeoutMs);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      resolve({ ok, output: stripAnsi(output), durationMs: Date.now() - started });
    };
    child.on('error', (error) => {
      output += `\n${error.message}`;
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

/** The end of the output, without blank lines or stack frames, which bury the message. */
export function lastLines(text: string, count: number): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^\s+at /.test(line));
  return lines.slice(-count).join('\n');
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
