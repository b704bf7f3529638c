// Connecting with TLS and an ACL user of its own. Type-checked here; it needs a server
// configured for TLS and ACLs to run.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

// #region secure-client
export function createSecureClient(): Redis {
  return new Redis({
    host: process.env.REDIS_HOST ?? 'cache.internal',
    port: Number(process.env.REDIS_PORT ?? 6380),
    // An ACL user for this service only, allowed its own key prefix and the commands
    // it needs; the password comes from the secret store, never from the code.
    username: 'catalog-service',
    password: process.env.REDIS_PASSWORD,
    tls: {
      // The certificate's name is checked against this.
      servername: process.env.REDIS_HOST ?? 'cache.internal',
      ca: process.env.REDIS_CA_FILE ? readFileSync(process.env.REDIS_CA_FILE) : undefined,
    },
    connectTimeout: 2_000,
    // A cache call is bounded and never kept for later: slower than this is a miss, and
    // while disconnected (or cut off by a drop) it fails at once instead of being resent.
    commandTimeout: 200,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  });
}
// #endregion secure-client
