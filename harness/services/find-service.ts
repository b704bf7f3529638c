import { canConnect, parseServiceUrl } from './probe.js';
import { CourseError, ServiceNotFoundError, ServiceUnreachableError } from './errors.js';
import { dockerMightBeAvailable } from './docker-socket.js';
import { firstLine, nothingToStop, type FoundService } from './found-service.js';

/** How to look for one kind of server, in the course's order. */
export interface ServiceSearch {
  name: 'Redis' | 'Postgres';
  /** The variable that names a server explicitly, e.g. REDIS_URL. */
  variable: string;
  protocols: string[];
  /** Where a server on the default local port would be, its URL, and what set the address. */
  local: { host: string; port: number; url: string; setBy?: string };
  /** Proves the server at `url` is usable (PING, SELECT 1); rejects with the reason. */
  check(url: string): Promise<void>;
  /** Starts one in Docker through testcontainers. */
  docker(): Promise<FoundService>;
  /** Starts one without Docker: a binary on the PATH, or an embedded engine. */
  embedded(): Promise<FoundService>;
  embeddedLabel: string;
  /** Whether `embedded` can work here at all, known at once (a binary on the PATH). */
  embeddedAvailable(): boolean;
  /** Ways to get a server, given where the course looked. */
  remedies(where: string): string[];
}

/** What the quick look found: a server to use, or the list of what is left to try. */
export type Probe = { found: FoundService } | { tried: string[]; start: () => Promise<FoundService> };

/**
 * The quick part of the search, done for both servers before anything slow starts:
 * 1. the explicit URL, which must answer (no silent fallback from a URL the learner set);
 * 2. a server on the default (or configured) local port.
 * Otherwise it says what it tried and returns `start`, the slow part: 3. Docker;
 * 4. the embedded fallback; 5. one error naming everything tried and every way out.
 * When neither Docker nor the embedded fallback can work here, that error comes at once.
 */
export async function probeService(search: ServiceSearch, explicitUrl: string | undefined, env: NodeJS.ProcessEnv): Promise<Probe> {
  const { name, variable } = search;
  if (explicitUrl) {
    const { host, port } = parseServiceUrl(variable, explicitUrl, search.protocols);
    if (!(await canConnect(host, port))) throw new ServiceUnreachableError(variable, explicitUrl, `nothing answers at ${host}:${port}`);
    await search.check(explicitUrl).catch((error: unknown) => {
      throw new ServiceUnreachableError(variable, explicitUrl, `${host}:${port} did not answer as ${name} (${firstLine(error)})`);
    });
    return { found: { url: explicitUrl, source: `${name} from ${variable} (${host}:${port})`, stop: nothingToStop } };
  }

  const tried: string[] = [];
  const { host, port, url, setBy } = search.local;
  const where = `${host}:${port}${setBy ? ` (${setBy})` : ''}`;
  if (await canConnect(host, port)) {
    const usable = await search.check(url).then(
      () => true,
      (error: unknown) => (tried.push(`${where} did not answer as ${name}: ${firstLine(error)}`), false),
    );
    if (usable) return { found: { url, source: `${name} already running on ${host}:${port}`, stop: nothingToStop } };
  } else {
    tried.push(`nothing listening on ${where}`);
  }

  const fallbacks: [string, () => Promise<FoundService>][] = [];
  if (dockerMightBeAvailable(env)) fallbacks.push(['Docker', search.docker]);
  else tried.push('Docker: no Docker socket found');
  if (search.embeddedAvailable()) fallbacks.push([search.embeddedLabel, search.embedded]);
  else tried.push(`${search.embeddedLabel}: not found`);
  const notFound = () => new ServiceNotFoundError(name, tried, search.remedies(where));
  if (fallbacks.length === 0) throw notFound();
  return {
    tried,
    start: async () => {
      for (const [label, start] of fallbacks) {
        try {
          return await start();
        } catch (error) {
          tried.push(`${label}: ${firstLine(error)}`);
        }
      }
      throw notFound();
    },
  };
}

/** The whole search for one server: the probe, then whatever it left to start. */
export async function findService(search: ServiceSearch, explicitUrl: string | undefined, env: NodeJS.ProcessEnv): Promise<FoundService> {
  const probe = await probeService(search, explicitUrl, env);
  return 'found' in probe ? probe.found : probe.start();
}

/** Several failures as one error, one line each, so every dead service is reported at once. */
export function combined(errors: unknown[]): unknown {
  const courseErrors = errors.filter((error): error is CourseError => error instanceof CourseError);
  if (courseErrors.length !== errors.length || errors.length < 2) return errors[0];
  return new CourseError(courseErrors[0]!.code, courseErrors.map((error) => error.message).join('\n'));
}
