// A codec for cached departure-board entries: JSON on the way in, real Dates on the way
// out, so code reading a cached entry sees the same types as code reading a fresh one.
// Run: npx tsx examples/cache-aside/departure-codec.ts   (no Redis needed)
import { isMain } from '../lib/example-redis.js';

// #region date-codec
export interface Departure {
  flight: string;
  gate: string | null;
  scheduledAt: Date;
  /** Absent until the airline announces a delay. */
  expectedAt: Date | null;
}

// What JSON.stringify makes of a Departure: every Date is now an ISO string.
type DepartureJson = Omit<Departure, 'scheduledAt' | 'expectedAt'> & {
  scheduledAt: string;
  expectedAt: string | null;
};

export function encodeDeparture(departure: Departure): string {
  return JSON.stringify(departure);
}

export function decodeDeparture(text: string): Departure {
  const raw = JSON.parse(text) as DepartureJson;
  return {
    ...raw,
    scheduledAt: new Date(raw.scheduledAt),
    expectedAt: raw.expectedAt === null ? null : new Date(raw.expectedAt),
  };
}
// #endregion date-codec

if (isMain(import.meta.url)) {
  const fresh: Departure = {
    flight: 'KL1002',
    gate: 'D4',
    scheduledAt: new Date('2025-03-01T07:15:00Z'),
    expectedAt: null,
  };
  const plain = JSON.parse(JSON.stringify(fresh)) as Record<string, unknown>;
  const decoded = decodeDeparture(encodeDeparture(fresh));
  console.log('plain JSON.parse: scheduledAt is a', typeof plain['scheduledAt']);
  const isDate = decoded.scheduledAt instanceof Date;
  console.log('with the codec:   scheduledAt is a Date:', isDate);
  const sameInstant = decoded.scheduledAt.getTime() === fresh.scheduledAt.getTime();
  console.log('same instant:', sameInstant);
}
