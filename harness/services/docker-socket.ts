import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether a container runtime could be reachable, without loading testcontainers: loading
 * it costs a second or more, wasted on machines with no Docker at all. Looks where
 * testcontainers itself looks: DOCKER_HOST, its properties file, and the usual sockets.
 */
export function dockerMightBeAvailable(env: NodeJS.ProcessEnv): boolean {
  if (env.DOCKER_HOST || env.TESTCONTAINERS_HOST_OVERRIDE) return true;
  const home = env.HOME ?? homedir();
  const candidates = [
    '/var/run/docker.sock',
    join(home, '.testcontainers.properties'),
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    join(home, '.colima', 'default', 'docker.sock'),
    join(home, '.rd', 'docker.sock'),
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock') : '',
  ];
  return candidates.some((path) => path !== '' && existsSync(path));
}
