import { canConnect, parseServiceUrl } from './probe.js';
import { ServiceNotFoundError, ServiceUnreachableError } from './errors.js';
import { dockerMightBeAvailable } from './docker-socket.js';
import { firstLine, nothingToStop, type FoundService } from './found-service.js';

/** How to look for one kind of server, in the course's order. */
export interface ServiceSearch {
  name: 'Redis' | 'Postgres';
  /** The variable that names a server explicitly, e.g. REDIS_URL. */
  variable: string;
  protocols: string[];
  /** Where a server on the default local port would be, and its URL. */
  local: { host: string; port: number; url: string };
  /** Proves the server at `url` is usable (PING, SELECT 1); rejects with the reason. */
  check(url: string): Promise<void>;
  /** Starts one in Docker through testcontainers. */
  docker(): Promise<FoundService>;
  /** Starts one without Docker: a binary on the PATH, or an embedded engine. */
  embedded(): Promise<FoundService>;
  embeddedLabel: string;
  remedies: string[];
}

/**
 * 1. the explicit URL, which must answer (no silent fallback from a URL the learner set);
 * 2. a server on the default local port; 3. Docker; 4. the embedded fallback;
 * 5. one error naming everything tried and every way out.
 */
export async function findService(
  search: ServiceSearch,
  explicitUrl: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<FoundService> {
  const { name, variable } = search;
  if (explicitUrl) {
    const { host, port } = parseServiceUrl(variable, explicitUrl, search.protocols);
    if (!(await canConnect(host, port))) throw new ServiceUnreachableError(variable, explicitUrl, 'nothing answers there');
    await search.check(explicitUrl).catch((error: unknown) => {
      throw new ServiceUnreachableError(variable, explicitUrl, `it did not answer as ${name} (${firstLine(error)})`);
    });
    return { url: explicitUrl, source: `${name} from ${variable}`, stop: nothingToStop };
  }

  const tried: string[] = [];
  const { host, port, url } = search.local;
  if (await canConnect(host, port)) {
    const usable = await search.check(url).then(
      () => true,
      (error: unknown) => (tried.push(`${host}:${port} did not answer as ${name}: ${firstLine(error)}`), false),
    );
    if (usable) return { url, source: `${name} already running on ${host}:${port}`, stop: nothingToStop };
  } else {
    tried.push(`nothing listening on ${host}:${port}`);
  }

  const fallbacks: [string, () => Promise<FoundService>][] = [[search.embeddedLabel, search.embedded]];
  if (dockerMightBeAvailable(env)) fallbacks.unshift(['Docker', search.docker]);
  else tried.push('Docker: no Docker socket found');
  for (const [label, start] of fallbacks) {
    try {
      return await start();
    } catch (error) {
      tried.push(`${label}: ${firstLine(error)}`);
    }
  }
  throw new ServiceNotFoundError(name, tried, search.remedies);
}
