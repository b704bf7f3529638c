import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built site the way a static host with clean URLs would
 * (`/lessons/04-stampede` finds `lessons/04-stampede.html`), on a free local port.
 * Small on purpose: no dependency, no dev server, exactly the files in dist/.
 */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
    const file = resolveFile(dir, pathname);
    const status = file ? 200 : 404;
    const served = file ?? join(dir, '404.html');
    if (!existsSync(served)) {
      response.writeHead(404).end('not found');
      return;
    }
    // Built assets carry a content hash, so tabs may cache them as a real host would.
    const cache = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    response.writeHead(status, { 'content-type': TYPES[extname(served)] ?? 'application/octet-stream', 'cache-control': cache });
    createReadStream(served).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function resolveFile(dir: string, pathname: string): string | undefined {
  const safe = normalize(join(dir, pathname));
  if (safe !== dir && !safe.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return undefined;
  const candidates = [safe, `${safe}.html`, join(safe, 'index.html')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}
