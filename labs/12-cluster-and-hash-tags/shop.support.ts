// Lab 12: what the suite files share. Not a suite. A shop spread over twenty categories,
// the code's view of the cluster (every step it sent, and what the cluster answered), and
// the servers' view (MONITOR on every node). The files ask useLab('12', { audit: false }):
// the code's only clients are the cluster's, which the write audit of the shared Redis does
// not watch, so a MONITOR there would cost each file's worker for nothing (TTLs are judged
// on the cluster's keys instead: watchKeysWithoutTtl).
import { Cluster, type ChainableCommander, type Command, type Redis } from 'ioredis';
import { expect } from 'vitest';
import { commandsDuring } from '../../harness/lab/commands-during.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import type { ServerCommand } from '../../harness/lab/monitor.js';
import { atomicSteps } from '../../harness/lab/steps.js';
import type { ClusterNode, LabCluster } from '../../harness/lab/use-cluster.js';
import type { Address } from '../../harness/services/topology.js';
import type { Lab } from '../../harness/lab/use-lab.js';
import { isFailing, servesSlot } from '../../harness/services/cluster-nodes.js';
import type { ShopPages } from './src/contract.js';
import { createShopPages } from './src/shop-pages.js';

export const LESSON = 'Lesson 12, Redis Cluster and hash tags';

/** The seeded shop has five categories; the suite adds these, two products each (ids 101-130). */
export const EXTRA_CATEGORIES = Array.from({ length: 15 }, (_, i) => `aisle-${String.fromCharCode(97 + i)}`);
export const SEEDED_CATEGORIES = ['cups', 'kettles', 'grinders', 'jugs', 'tools'];
export const ALL_CATEGORIES = [...SEEDED_CATEGORIES, ...EXTRA_CATEGORIES];

/** Adds the extra categories to the file's own schema (once per file). */
export async function seedAisles(lab: Lab): Promise<void> {
  await lab.db.sql(
    `INSERT INTO products (id, sku, name, category, price_cents)
     SELECT 100 + n, 'AISLE-' || n, 'Aisle item #' || n, ($1::text[])[(n + 1) / 2], 1000 + n
     FROM generate_series(1, $2::int) AS n ON CONFLICT (id) DO NOTHING`,
    [EXTRA_CATEGORIES, EXTRA_CATEGORIES.length * 2],
  );
}

/**
 * The lab's shop pages loaded twice, as two processes would load them, each with a cluster
 * client of its own, connected first: twenty commands on a client still discovering the
 * cluster would all wait for it.
 */
export async function twoProcesses(cluster: LabCluster) {
  const modules = await separateProcesses(2, () => import('./src/shop-pages.js'));
  const clients = modules.map(() => cluster.client());
  await Promise.all(clients.map((client) => client.ping()));
  return modules.map((module, i) => ({ module, redis: clients[i]! }));
}

/** Product ids of a category, as the suite reads them. */
export async function idsIn(lab: Lab, category: string): Promise<number[]> {
  const rows = await lab.db.sql<{ id: number }>('SELECT id FROM products WHERE category = $1 ORDER BY id', [category]);
  return rows.map((row) => row.id);
}

/** The shop pages of one process, on a cluster client of their own; a miss waits at most 100 ms for another loader. */
export function openShop(lab: Lab, cluster: LabCluster): { redis: Cluster; shop: ShopPages } {
  const redis = cluster.client();
  return { redis, shop: createShopPages({ redis, db: lab.db.pool, keyPrefix: cluster.prefix, lockWaitMs: 100 }) };
}

/** Reads every page of `categories` through `shop`, one after another: each category's listing, then each of its products' pages. */
export async function readAll(lab: Lab, shop: ShopPages, categories: string[]): Promise<void> {
  for (const category of categories) {
    await shop.categoryPage(category);
    for (const id of await idsIn(lab, category)) await shop.productPage(category, id);
  }
}

/** One step the code sent through its client: a MULTI or pipeline with its commands, or one command. */
export interface SentStep {
  kind: 'MULTI' | 'pipeline' | 'command';
  commands: { name: string; keys: string[] }[];
  /** What the cluster (or the client, before sending) answered when it refused the step. */
  error?: string;
}

const described = (command: Command) => ({ name: command.name.toUpperCase(), keys: command.getKeys().map(String) });

/**
 * Records every step the code sends through `client`: each command, and each MULTI or
 * pipeline as one step with its commands, with the error that refused it, if any.
 * A cluster refuses a step whose keys lie in different slots (CROSSSLOT), and ioredis
 * refuses, before sending, a MULTI whose keys its map puts on different nodes.
 */
export function recordSteps(client: Cluster): SentStep[] {
  const steps: SentStep[] = [];
  const inBlocks = new WeakSet<Command>();
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((command: Command, ...rest: unknown[]) => {
    if (!inBlocks.has(command)) {
      const step: SentStep = { kind: 'command', commands: [described(command)] };
      steps.push(step);
      command.promise.catch((error: unknown) => (step.error = (error as Error).message));
    }
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as Cluster['sendCommand'];
  for (const kind of ['multi', 'pipeline'] as const) {
    const open = client[kind].bind(client) as (...args: unknown[]) => ChainableCommander;
    (client as unknown as Record<string, unknown>)[kind] = (...args: unknown[]) => {
      const block = open(...args);
      const step: SentStep = { kind: kind === 'multi' ? 'MULTI' : 'pipeline', commands: [] };
      steps.push(step);
      const blockWithQueue = block as unknown as { sendCommand(command: Command): unknown };
      const queue = blockWithQueue.sendCommand.bind(block);
      blockWithQueue.sendCommand = (command: Command) => {
        inBlocks.add(command);
        if (command.name !== 'multi' && command.name !== 'exec') step.commands.push(described(command));
        return queue(command);
      };
      const exec = block.exec.bind(block);
      block.exec = (async (...execArgs: Parameters<typeof exec>) => {
        try {
          const replies = await exec(...execArgs);
          const failed = replies?.find(([error]) => error)?.[0];
          if (replies === null) step.error = 'EXEC returned nil (discarded)';
          else if (failed) step.error = failed.message;
          return replies;
        } catch (error) {
          step.error = (error as Error).message;
          throw error;
        }
      }) as typeof exec;
      return block;
    };
  }
  return steps;
}

/** "slot 1234 (primary 127.0.0.1:40001)" for each distinct slot of `keys`. */
export async function whereKeysLive(cluster: LabCluster, keys: string[]): Promise<string> {
  const slots = [...new Set(await Promise.all(keys.map((key) => cluster.slotOf(key))))];
  const places = await Promise.all(
    slots.map(async (slot) => {
      const owner = await cluster.primaryOf(slot);
      return `slot ${slot} (primary ${owner.host}:${owner.port})`;
    }),
  );
  return places.join(', ');
}

/** A step, short enough for a message. */
export const stepText = (step: SentStep): string =>
  `${step.kind === 'command' ? '' : `${step.kind} `}[${step.commands.map((c) => [c.name, ...c.keys].join(' ')).join('; ')}]`;

/**
 * Fails, naming the step, the error and the slot and primary of each of its keys, when
 * the cluster refused any step the code sent. NOSCRIPT is not a refusal: it asks for EVAL.
 */
export async function expectNoStepRefused(cluster: LabCluster, steps: SentStep[], idea: string): Promise<void> {
  const refused = steps.filter((step) => step.error !== undefined && !step.error.startsWith('NOSCRIPT'));
  const lines = await Promise.all(
    refused.slice(0, 4).map(async (step) => {
      const keys = step.commands.flatMap((c) => c.keys);
      const where = keys.length > 0 ? `its keys hash to ${await whereKeysLive(cluster, keys)}` : 'it declared no keys, so the client sent it to any node';
      return `- ${stepText(step)} was refused: "${step.error}"; ${where}`;
    }),
  );
  expect(refused.length, `The cluster refused ${refused.length} step(s) of your code:\n${lines.join('\n')}\nExpected every step to be accepted.\n${idea}`).toBe(0);
}

/**
 * Where each of `keys` lives now, from one look at the cluster: its slot (CLUSTER KEYSLOT,
 * all asked at once of one primary) and the primary serving a slot.
 */
export async function placesOf(cluster: LabCluster, keys: string[]): Promise<{ slotOf: Map<string, number>; primaryOf: (slot: number) => ClusterNode }> {
  const primaries = (await cluster.nodes()).filter((node) => node.role === 'primary' && !isFailing(node));
  const asked = suiteNode(cluster, primaries[0]!);
  const slots = await Promise.all(keys.map((key) => asked.cluster('KEYSLOT', key) as Promise<number>));
  const primaryOf = (slot: number) => {
    const owner = primaries.find((node) => servesSlot(node, slot));
    if (!owner) throw new Error(`no primary serves slot ${slot}`);
    return owner;
  };
  return { slotOf: new Map(keys.map((key, i) => [key, slots[i]!])), primaryOf };
}

/** A command one node ran, as MONITOR on that node saw it. */
export interface NodeCommand extends ServerCommand {
  node: string;
  role: 'primary' | 'replica';
}

/**
 * Every command the cluster's nodes ran while `work` was in flight, from MONITOR on each
 * node, primaries and replicas alike. Each node is synced by an ECHO of the suite's own,
 * which is left out.
 */
export async function commandsOnEveryNode(cluster: LabCluster, work: () => Promise<unknown>): Promise<NodeCommand[]> {
  const nodes = await cluster.nodes();
  const commands = await commandsDuring(nodes.map((node) => suiteNode(cluster, node)), work);
  return commands.map((command) => {
    const node = nodes[command.server]!;
    return Object.assign(command, { node: `${node.host}:${node.port}`, role: node.role });
  });
}

/**
 * The step each command belongs to, per node (harness/lab/steps.ts): a command a script ran
 * belongs to that script call, a command between MULTI and EXEC to that block; any other
 * command is a step of its own. Returns, for each command, a step id and whether that step
 * is atomic.
 */
export function stepsOf(commands: NodeCommand[]): { command: NodeCommand; step: number; atomic: boolean }[] {
  return atomicSteps(commands, (command) => command.node).flatMap((step, id) => step.commands.map((command) => ({ command, step: id, atomic: step.atomic })));
}

/**
 * The suite's own cluster client, one per file (a client for every look at the keys would
 * connect to the nodes and fetch the slot map each time). Commands sent at once go to a
 * node in one write: a look at a hundred keys is a few packets, not a hundred.
 */
const suiteClients = new WeakMap<LabCluster, Cluster>();
export function suiteClient(cluster: LabCluster): Cluster {
  let client = suiteClients.get(cluster);
  if (!client) suiteClients.set(cluster, (client = cluster.client({ enableAutoPipelining: true })));
  return client;
}

/** The suite's own connection to one node, one per file and node, pipelined like suiteClient. */
const suiteNodes = new WeakMap<LabCluster, Map<string, Redis>>();
export function suiteNode(cluster: LabCluster, node: Address): Redis {
  let connections = suiteNodes.get(cluster);
  if (!connections) suiteNodes.set(cluster, (connections = new Map()));
  const address = `${node.host}:${node.port}`;
  let connection = connections.get(address);
  if (!connection) connections.set(address, (connection = cluster.node(node, { enableAutoPipelining: true })));
  return connection;
}

/** The file's keys holding a rendered page (a string starting with <article or <section), with their HTML. */
export async function cachedPages(cluster: LabCluster): Promise<Map<string, string>> {
  // A GET of a set (a tag set) is refused with WRONGTYPE.
  const read = await readEveryKey(cluster, await primariesNow(cluster), (node, key) => node.get(key).catch(() => null));
  const pages = new Map<string, string>();
  for (const [key, value] of read) {
    if (value !== null && /^<(article|section)/.test(value)) pages.set(key, value);
  }
  return pages;
}

/** The cached page of product `id` (its own page), and the cached listing of `category`. */
export const productPageIn = (pages: Map<string, string>, id: number) =>
  [...pages].find(([, html]) => html.startsWith(`<article data-product="${id}"`));
export const listingIn = (pages: Map<string, string>, category: string) =>
  [...pages].find(([, html]) => html.startsWith(`<section data-category="${category}"`));

/** The key of a page that must be cached by now; fails with a message that says so. */
export function cachedKey(found: [string, string] | undefined, what: string): string {
  expect(found, `${what} is not cached after it was read; expected it in Redis (see 12.1 and 12.2 first).`).toBeDefined();
  return found![0];
}

/**
 * Runs `around` before each step the code sends through `client` (a command, or a MULTI or
 * pipeline at its EXEC), with the step's arguments; `around` calls `send` to let the step
 * go (later, or never, to hold or fail it). Commands queued in a block are the block's.
 * Leaves the client's own CLUSTER commands alone.
 */
export function interceptSteps(
  client: Cluster,
  around: (args: string[], send: () => Promise<unknown>) => Promise<unknown>,
): void {
  const inBlocks = new WeakSet<Command>();
  const send = client.sendCommand.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const seen = new WeakSet<Command>();
  // Not steps of the code: the client's own CLUSTER SLOTS and CLUSTER INFO, a block's
  // commands (and its MULTI and EXEC), and a command sent again from the offline queue.
  const notAStep = (command: Command) => inBlocks.has(command) || seen.has(command) || /^(cluster|multi|exec)$/.test(command.name);
  client.sendCommand = ((command: Command, ...rest: unknown[]) => {
    if (notAStep(command)) return send(command, ...rest);
    seen.add(command);
    return around(command.args.map(String), () => send(command, ...rest));
  }) as Cluster['sendCommand'];
  for (const kind of ['multi', 'pipeline'] as const) {
    const open = client[kind].bind(client) as (...args: unknown[]) => ChainableCommander;
    (client as unknown as Record<string, unknown>)[kind] = (...args: unknown[]) => {
      const block = open(...args);
      const queued: string[] = [];
      const blockWithQueue = block as unknown as { sendCommand(command: Command): unknown };
      const queue = blockWithQueue.sendCommand.bind(block);
      blockWithQueue.sendCommand = (command: Command) => {
        inBlocks.add(command);
        queued.push(...command.args.map(String));
        return queue(command);
      };
      const exec = block.exec.bind(block);
      block.exec = ((...execArgs: Parameters<typeof exec>) => around(queued, () => exec(...execArgs))) as typeof exec;
      return block;
    };
  }
}

/** True for an argument that is a rendered page: the step carrying it stores the page. */
export const carriesPage = (args: string[]) => args.some((arg) => /^<(article|section)/.test(arg));

/**
 * Holds the first `stores` steps of `client` that carry a rendered page (the stores) until
 * `release()`; `reached` resolves when the code has sent them all.
 */
export function holdPageStore(client: Cluster, stores = 1): { reached: Promise<void>; release: () => void } {
  let release!: () => void;
  let signal!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (signal = resolve));
  let armed = stores;
  interceptSteps(client, async (args, send) => {
    if (armed === 0 || !carriesPage(args)) return send();
    armed -= 1;
    if (armed === 0) signal();
    await gate;
    return send();
  });
  return { reached, release };
}

/** The primaries serving slots now. */
async function primariesNow(cluster: LabCluster): Promise<ClusterNode[]> {
  return (await cluster.nodes()).filter((node) => node.role === 'primary' && !isFailing(node) && node.slots.length > 0);
}

/**
 * The file's keys, found as cluster.keys() finds them (SCAN on every primary), each with what
 * `read` answers for it on its primary: the primaries at once, over the suite's pipelined
 * connections, so a look at a hundred keys is a few packets, not a command per key.
 */
async function readEveryKey<T>(cluster: LabCluster, primaries: ClusterNode[], read: (node: Redis, key: string) => Promise<T>): Promise<[string, T][]> {
  const perPrimary = await Promise.all(
    primaries.map(async (primary) => {
      const node = suiteNode(cluster, primary);
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, batch] = await node.scan(cursor, 'MATCH', `${cluster.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 1_000);
        cursor = next;
        keys.push(...batch);
      } while (cursor !== '0');
      return Promise.all(keys.map(async (key) => [key, await read(node, key)] as [string, T]));
    }),
  );
  return perPrimary.flat().sort(([a], [b]) => a.localeCompare(b));
}

/**
 * After each step of `client` completes, and before the code sees its reply, lists the
 * file's keys that have no TTL. A key must get its TTL in the step that writes it.
 */
export function watchKeysWithoutTtl(cluster: LabCluster, client: Cluster): string[] {
  const found: string[] = [];
  // Steps completing side by side share a look: one that begins after a step has completed
  // sees what that step left, and the code sees no reply before it is done.
  // The primaries are looked up once: a file that watches keeps the cluster as it is.
  let primaries: Promise<ClusterNode[]> | undefined;
  let nextLook: Promise<[string, number][]> | undefined;
  const look = () =>
    (nextLook ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      nextLook = undefined;
      return readEveryKey(cluster, await (primaries ??= primariesNow(cluster)), (node, key) => node.pttl(key));
    }));
  interceptSteps(client, async (args, send) => {
    const settle = async () => {
      for (const [key, pttlMs] of await look()) {
        if (pttlMs === -1) found.push(`${key}, after the step [${args.map((a) => (a.length > 40 ? `${a.slice(0, 37)}...` : a)).join(' ')}]`);
      }
    };
    try {
      const reply = await send();
      await settle();
      return reply;
    } catch (error) {
      await settle();
      throw error;
    }
  });
  return found;
}
