import { createServer, request as httpRequest, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * Speaking HTTP to an app under test, the way a browser would: the app listens on an
 * ephemeral port of 127.0.0.1, and a small cookie jar keeps what Set-Cookie says and
 * sends it back. Suites test the app through this and never through its internals.
 *
 *   const app = await serve(createSessionApp({ ... }));     // stopped when the test ends
 *   const browser = new CookieJar();
 *   const reply = await browser.request(`${app.url}/login`, { method: 'POST', json: { userId: 3 } });
 */

export interface RunningApp {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41235`. */
  url: string;
  /** Stops listening and drops open connections; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `handler` (an express app, or any request listener) on 127.0.0.1:0. Call it
 * inside a test: the server is stopped when that test finishes, pass or fail.
 */
export async function serve(handler: RequestListener): Promise<RunningApp> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Clients keep connections alive; without this, close() would wait for them to idle out.
      server.closeAllConnections();
    }));
  onTestFinished(stop);
  return { url: `http://127.0.0.1:${port}`, stop };
}

/** One Set-Cookie header, parsed. Attribute names are matched case-insensitively. */
export interface SetCookie {
  name: string;
  value: string;
  httpOnly: boolean;
  secure: boolean;
  /** As written, lower-cased: 'lax', 'strict', 'none'; undefined when absent. */
  sameSite?: string;
  path?: string;
  expires?: Date;
  maxAgeSeconds?: number;
  /** The header as received, for failure messages. */
  raw: string;
}

export function parseSetCookie(raw: string): SetCookie {
  const [pair = '', ...attributes] = raw.split(';').map((part) => part.trim());
  const equals = pair.indexOf('=');
  const cookie: SetCookie = {
    name: pair.slice(0, equals),
    value: pair.slice(equals + 1),
    httpOnly: false,
    secure: false,
    raw,
  };
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=');
    const value = rest.join('=');
    switch (key.toLowerCase()) {
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'samesite':
        cookie.sameSite = value.toLowerCase();
        break;
      case 'path':
        cookie.path = value;
        break;
      case 'expires':
        cookie.expires = new Date(value);
        break;
      case 'max-age':
        cookie.maxAgeSeconds = Number(value);
        break;
    }
  }
  return cookie;
}

/**
 * When the browser will drop the cookie, in ms since the epoch (Max-Age wins over Expires,
 * as in browsers); undefined for a browser-session cookie, which has neither.
 */
export function cookieExpiresAt(cookie: SetCookie, now = Date.now()): number | undefined {
  if (cookie.maxAgeSeconds !== undefined) return now + cookie.maxAgeSeconds * 1000;
  return cookie.expires?.getTime();
}

/** True when the header tells the browser to delete the cookie (an expiry now or in the past). */
export function removesCookie(cookie: SetCookie, now = Date.now()): boolean {
  const at = cookieExpiresAt(cookie, now);
  return at !== undefined && at <= now;
}

export interface HttpReply {
  status: number;
  /** The body parsed as JSON when it is JSON, else the text ('' when empty). */
  body: unknown;
  /** Every Set-Cookie header of the response, parsed. */
  setCookies: SetCookie[];
  headers: Headers;
}

export interface RequestOptions {
  method?: string;
  /** Sent as a JSON body with Content-Type: application/json. */
  json?: unknown;
  headers?: Record<string, string>;
}

/**
 * A browser's cookie store reduced to what suites need: one cookie per name (host, path
 * and Secure are not enforced), replaced by every Set-Cookie and removed by an expired one.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(
    initial: Record<string, string> = {},
    /** Sent with every request, e.g. the X-Forwarded-Proto a TLS-terminating proxy adds. */
    private readonly headers: Record<string, string> = {},
  ) {
    for (const [name, value] of Object.entries(initial)) this.cookies.set(name, value);
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** A second browser holding copies of this one's cookies (what a thief would have). */
  copy(): CookieJar {
    return new CookieJar(Object.fromEntries(this.cookies), this.headers);
  }

  /** Sends a request with the jar's cookies and reads the whole body before resolving. */
  async request(url: string, options: RequestOptions = {}): Promise<HttpReply> {
    const headers: Record<string, string> = { ...this.headers, ...options.headers };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await send(url, options.method ?? 'GET', headers, body);
    const setCookies = response.headers.getSetCookie().map(parseSetCookie);
    for (const cookie of setCookies) {
      if (removesCookie(cookie)) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return { status: response.status, body: parseBody(response.text), setCookies, headers: response.headers };
  }
}

/**
 * One request with node:http, redirects not followed. Not fetch: its web streams cost a
 * lab of many requests (06, 10) about a tenth of its CPU. The whole body is read before
 * this resolves: a server may finish work (a session save) before sending the last byte,
 * after the headers have already arrived.
 */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const request = httpRequest(url, { method, headers: sent }, (response) => {
      response.setEncoding('utf8');
      let text = '';
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: headersOf(response), text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The response's headers as a fetch Headers, repeated ones (Set-Cookie) kept apart. */
function headersOf(response: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i < response.rawHeaders.length; i += 2) headers.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
  return headers;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
