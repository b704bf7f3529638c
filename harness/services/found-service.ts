/** A server the labs can use, where it came from, and how to stop it if the course started it. */
export interface FoundService {
  url: string;
  /** One phrase for the "using ..." line, e.g. "Redis already running on 127.0.0.1:6379". */
  source: string;
  /** The largest pg pool a test file may open (PGlite serves queries one at a time). */
  poolMax?: number;
  stop(): Promise<void>;
}

export const nothingToStop = async (): Promise<void> => {};

/** The first line of an error, for the "tried: ..." list. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 120);
}
