/**
 * Mistake: an entry without a marker is read as raw text
 * Replaces: frame.ts
 * Caught by: 09.16
 *
 * Being lenient with bytes without a marker looks like backward compatibility: entries
 * written before the marker existed still read. And foreign JSON still fails, since the
 * envelope check wants a version. But another program's JSON that has a version field
 * (one copying our body, or its own { version, value }) is returned as ours. The marker
 * is what tells our entries from everything else: require it.
 */
import { unframe as strict } from '../src/frame.js';

export { frame } from '../src/frame.js';

export async function unframe(stored: Buffer): Promise<string> {
  const marked = stored[0] === 0x6a || stored[0] === 0x7a; // 'j' raw, 'z' gzip
  return marked ? strict(stored) : stored.toString('utf8');
}
