import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { wrapCommands } from './lab-redis.js';

const sha1 = (source: unknown) => createHash('sha1').update(String(source)).digest('hex');

/**
 * A Redis that has lost its script cache (a restart, a failover to a replica, SCRIPT FLUSH),
 * played on clients of the real one: after `forget()` it knows no Lua script until one is
 * sent to it again (EVAL or SCRIPT LOAD), and answers EVALSHA of any other with NOSCRIPT.
 * The NOSCRIPT comes from the real server (the digest is swapped for one it never saw) and
 * the swap is made before the client writes the command, so a client that picks EVAL or
 * EVALSHA as it writes, and handles NOSCRIPT on the way back, as ioredis's defineCommand
 * does, sees what it would see for real. A refusal made on the client side instead fails
 * such a client: its re-sent script is still named EVALSHA when it is handed over.
 * The scripts a server knows are the server's: every client attached shares them.
 */
export class ForgottenScripts {
  /** The digests sent since the server forgot; undefined: it has not forgotten yet. */
  private known: Set<string> | undefined;
  private readonly forgotten = sha1(`a script no server has seen ${randomUUID()}`);

  /** Sends `client`'s commands to this server. */
  attach(client: Redis): Redis {
    wrapCommands(client, (command, send) => {
      const [name, first] = [command.name.toLowerCase(), command.args[0]];
      if (this.known && (name === 'evalsha' || name === 'evalsha_ro') && !this.known.has(String(first).toLowerCase())) command.args[0] = this.forgotten;
      const sent = send(command);
      // Read once answered: the client may turn EVALSHA into EVAL as it writes the command.
      const learn = () => {
        const [what, source, loaded] = [command.name.toLowerCase(), command.args[0], command.args[1]];
        if (what === 'eval' || what === 'eval_ro') this.known?.add(sha1(source));
        if (what === 'script' && String(source).toLowerCase() === 'load') this.known?.add(sha1(loaded));
      };
      command.promise.then(learn, () => {});
      return sent;
    });
    return client;
  }

  /** The server restarts: from now on it knows only the scripts sent to it again. */
  forget(): void {
    this.known = new Set();
  }
}
