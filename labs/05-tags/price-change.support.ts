// Lab 05: what the checks of a price change share (tags-price-change.test.ts and
// tags-when-resolved.test.ts): product 1's pages, and a reply of the code's Redis held back.
// Not a suite.
import { onTestFinished } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import type { CodeConnections } from './code-connections.support.js';
import type { createCatalogPages } from './src/catalog-pages.js';

/** Commands that set up a connection, let through when a check breaks or delays the others. */
export const HANDSHAKE = new Set(['client', 'info', 'select', 'hello', 'auth', 'ping', 'readonly']);

/** One instance of the shop, as one process would run it. */
export type Shop = ReturnType<typeof createCatalogPages>;
/** Product 1's three kinds of page, as a reader asks for them. */
export const viewsOfProduct1 = (s: Shop): Record<string, () => Promise<string | null>> => ({
  'productPage(1)': () => s.productPage(1),
  "categoryPage('kettles')": () => s.categoryPage('kettles'),
  "searchPage('kettle')": () => s.searchPage('kettle'),
});

/**
 * The first reply that answers a command of the code naming one of `names` without an
 * error, on any of its connections, reaches the code only at `release()`: Redis has run the
 * command (an invalidation's script, say), and the code does not know yet. An error
 * (NOSCRIPT) is not the step having run, so it passes and the next one is held.
 */
export function holdFirstReply(connections: CodeConnections, names: string[]): { fetched: Promise<void>; release: () => void } {
  let fetched!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (fetched = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  onTestFinished(() => release());
  let armed = true;
  connections.each((connection) => {
    wrapCommands(connection, (command, send) => {
      if (!armed || !command.args.some((arg) => names.includes(String(arg)))) return send(command);
      return Promise.resolve(send(command)).then(async (value) => {
        if (!armed) return value;
        armed = false;
        fetched();
        await gate;
        return value;
      });
    });
    return () => {}; // the connection is closed with the check
  });
  return { fetched: reached, release };
}
