import { SESSION_KEY_SEGMENT } from '../../../labs/06-sessions/src/contract.js';

/**
 * Every Redis key lab 06 writes, in one place.
 *
 *   <prefix>sess:<session id>   string   the session as JSON, written by connect-redis;
 *                                        TTL = what is left of the cookie's life
 *
 * The session id is the random part of the cookie (`s:<id>.<signature>`); the signature
 * never reaches Redis.
 */
export const sessionKeyPrefix = (prefix: string): string => `${prefix}${SESSION_KEY_SEGMENT}`;
