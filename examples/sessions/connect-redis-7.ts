// express-session on Redis with the versions this course pins: connect-redis 7 and an
// ioredis client. Type-checked only (it builds middleware; it does not start a server).
// The same setup for connect-redis 9 and node-redis is shown in lesson 06.
// #region connect-redis-7
import session from 'express-session';
// connect-redis 7.x has a default export (8 and later: `import { RedisStore }`).
import RedisStore from 'connect-redis';
import { Redis } from 'ioredis';

// One client per process, created at start-up and shared by everything that needs Redis.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

/**
 * The signing secrets, newest first, from the app's configuration. No fallback: a default
 * secret in the code is one every copy of the code knows, so a missing one stops start-up.
 */
function sessionSecrets(configured: string | undefined): string[] {
  const secrets = (configured ?? '').split(',').filter((secret) => secret.trim() !== '');
  if (secrets.length === 0) throw new Error('SESSION_SECRETS is not set: sessions cannot be signed');
  return secrets;
}

export const sessions = session({
  store: new RedisStore({ client: redis, prefix: 'myapp:sess:' }),
  secret: sessionSecrets(process.env.SESSION_SECRETS), // the first signs, all verify
  resave: false,
  saveUninitialized: false,
  cookie: { maxAge: 15 * 60 * 1000 }, // the key's TTL follows it
});
// #endregion connect-redis-7
