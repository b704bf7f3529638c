/**
 * Mistake: cookies signed with the previous secret are re-signed in front of the session, "to rotate without logging anyone out"
 * Replaces: app.ts
 * Caught by: 06.14
 *
 * Accepting the old signature for a while is how secrets are rotated, and this one is no
 * tutorial value a forger would try. But it lives in the code, for good: whoever has read
 * the repository, or an old build, signs any session id with it and is let in on every
 * deployment. A rotation belongs in configuration (express-session takes a list of
 * secrets), for one session lifetime, then the old secret is dropped.
 */
import { appResigningCookiesSignedWith } from './legacy-secret-accepted.js';

export const createSessionApp = appResigningCookiesSignedWith('shop-sessions-2025: the secret before the rotation');
