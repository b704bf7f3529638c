import { Socket } from 'node:net';
import { BadInputError } from './errors.js';

/** True when something accepts a TCP connection at host:port within timeoutMs. */
export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    // Timers run before I/O in a turn of the event loop: after a stall longer than the
    // timeout (a busy machine, vitest loading beside the probe), an accepted connection
    // is still waiting to be read, so it gets that turn's I/O before the probe gives up.
    socket.setTimeout(timeoutMs, () => setImmediate(() => done(false)));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** Parses a URL the learner handed in, or explains in one line what is wrong with it. */
export function parseServiceUrl(
  variable: string,
  value: string,
  protocols: string[],
): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadInputError(`${variable}=${value} is not a URL; expected something like ${protocols[0]}//127.0.0.1`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new BadInputError(`${variable}=${value} should start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || defaultPort(url.protocol) };
}

function defaultPort(protocol: string): number {
  return protocol.startsWith('redis') ? 6379 : 5432;
}
