import { createServer } from 'node:net';
import { canConnect } from './probe.js';

/** A port nothing listens on right now, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once 127.0.0.1:port accepts connections; rejects after timeoutMs, or with
 * `failed` as soon as the process that was to listen has died. Polling stops then too:
 * a poll left running would keep this process alive for the rest of timeoutMs (a run
 * ending while a server was being restarted took 10 s to exit).
 */
export async function waitForPort(port: number, timeoutMs: number, failed?: Promise<never>): Promise<void> {
  let stopped = false;
  const polling = (async () => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !stopped) {
      if (await canConnect('127.0.0.1', port, 200)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
  })();
  try {
    await (failed ? Promise.race([polling, failed]) : polling);
  } finally {
    stopped = true;
  }
}
