/**
 * Mistake: every failed call replaces the latest error with its own message
 * Replaces: cache-stats.ts
 * Caught by: 13.15
 *
 * The latest error, literally. With a wrong password the connection never opens, and
 * each read then fails with "Stream isn't writeable": the report names the symptom and
 * hides the one line (WRONGPASS) that says what to fix.
 */
import { CacheStats as Right } from '../src/cache-stats.js';

export class CacheStats extends Right {
  override callFailed(error: Error): void {
    super.callFailed(error);
    this.lastError = error.message;
  }
}
