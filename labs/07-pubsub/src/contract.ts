// The contract the suite tests, shared with the reference solution: types, constants,
// key and channel names, and the database access. Keep it as it is; the work is in the
// other files of src/.
import type { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

export interface Profile {
  userId: number;
  displayName: string;
  bio: string;
  /** ISO 8601 text, so a profile survives a JSON round trip unchanged. */
  updatedAt: string;
}

export type ProfileChanges = Partial<Pick<Profile, 'displayName' | 'bio'>>;

export interface ProfileCacheOptions {
  /** This process's command connection: GET, SET, DEL, PUBLISH. */
  redis: Redis;
  /** A second connection of this process, for SUBSCRIBE. */
  subscriber: Redis;
  /** The Postgres pool; table `profiles(user_id, display_name, bio, updated_at)`. */
  db: Pool;
  /** Every key and channel you use starts with this, e.g. `course:07:ab12cd34:`. */
  keyPrefix: string;
  /** The most entries L1 may hold. Default DEFAULT_MAX_L1_ENTRIES. */
  maxL1Entries?: number;
  /** How long an L1 entry may be served. Default DEFAULT_MAX_L1_AGE_MS. */
  maxL1AgeMs?: number;
  /** The clock L1 ages are measured with, in ms. Default Date.now. */
  now?: () => number;
}

/** What a profile cache announces, for logs, metrics and the suite. */
export interface ProfileCacheEvents {
  /** An invalidation message arrived (from any instance): these keys are no longer in L1. */
  invalidated: [keys: string[]];
  /** The subscriber reconnected and is subscribed again, and L1 holds nothing from before. */
  resubscribed: [];
}

export interface ProfileCache extends EventEmitter<ProfileCacheEvents> {
  /** The profile, or null when no row has that user id. */
  getProfile(userId: number): Promise<Profile | null>;
  /** Changes the row; afterwards no instance serves the old profile. Null when no row has that id. */
  updateProfile(userId: number, changes: ProfileChanges): Promise<Profile | null>;
  /** Stops listening for invalidations. The connections stay open: they belong to the caller. */
  close(): Promise<void>;
}

/** How the instances tell each other that keys changed (src/invalidation-bus.ts). */
export interface InvalidationBusOptions {
  /** The command connection. */
  redis: Redis;
  /** The connection that subscribes. */
  subscriber: Redis;
  channel: string;
  /** Keys that changed somewhere, this instance included. */
  onKeys: (keys: string[]) => void;
  /** The subscriber is listening again after a disconnect; messages may have been missed. */
  onResubscribed: () => void;
}

export interface InvalidationBus {
  /** Announces changed keys to every instance listening. */
  publish(keys: readonly string[]): Promise<void>;
  /** Stops listening. */
  close(): Promise<void>;
}

/** The bounds of the in-process tier (src/l1-cache.ts). */
export interface L1Options {
  /** The most entries kept. */
  maxEntries: number;
  /** An entry older than this must not be served. */
  maxAgeMs: number;
  /** Milliseconds; the suite injects its own clock. */
  now: () => number;
}

/** L1's bounds from the options, with the defaults filled in. */
export const l1Options = (options: ProfileCacheOptions): L1Options => ({
  maxEntries: options.maxL1Entries ?? DEFAULT_MAX_L1_ENTRIES,
  maxAgeMs: options.maxL1AgeMs ?? DEFAULT_MAX_L1_AGE_MS,
  now: options.now ?? Date.now,
});

/** A profile may sit in Redis (L2) for five minutes; writes delete it sooner. */
export const PROFILE_TTL_SECONDS = 300;
/** L1 is small: the hottest profiles, not the whole table. */
export const DEFAULT_MAX_L1_ENTRIES = 1000;
/** The longest L1 may serve a value whose invalidation never arrived. */
export const DEFAULT_MAX_L1_AGE_MS = 5_000;

/** `<prefix>profile:<userId>`, a string holding the profile as JSON (L2). */
export const profileKey = (keyPrefix: string, userId: number): string => `${keyPrefix}profile:${userId}`;

/** The pub/sub channel on which instances announce changed keys. */
export const invalidationChannel = (keyPrefix: string): string => `${keyPrefix}invalidations`;

/** A row of the `profiles` table, as pg returns it. */
interface ProfileRow {
  user_id: number;
  display_name: string;
  bio: string;
  updated_at: Date;
}

const toProfile = (row: ProfileRow): Profile => ({
  userId: row.user_id,
  displayName: row.display_name,
  bio: row.bio,
  updatedAt: row.updated_at.toISOString(),
});

/** The source of truth: one SELECT, the query both cache tiers save. */
export async function selectProfile(db: Pool, userId: number): Promise<Profile | null> {
  const { rows } = await db.query<ProfileRow>('SELECT * FROM profiles WHERE user_id = $1', [userId]);
  return rows[0] ? toProfile(rows[0]) : null;
}

/** Applies the changes; resolves once the UPDATE has committed. */
export async function updateProfileRow(db: Pool, userId: number, changes: ProfileChanges): Promise<Profile | null> {
  const { rows } = await db.query<ProfileRow>(
    `UPDATE profiles
        SET display_name = COALESCE($2, display_name), bio = COALESCE($3, bio), updated_at = now()
      WHERE user_id = $1
  RETURNING *`,
    [userId, changes.displayName ?? null, changes.bio ?? null],
  );
  return rows[0] ? toProfile(rows[0]) : null;
}
