import type { CookieOptions } from 'express-session';

// #region cookie-options
/** The session cookie's attributes. Each one closes a specific door. */
export function sessionCookie(maxAgeMs: number): CookieOptions {
  return {
    // document.cookie cannot see it, so an XSS bug cannot read and ship the session id.
    httpOnly: true,
    // Not sent on cross-site POSTs, forms or fetches (the CSRF vector), yet still sent
    // when a user follows a link to us from elsewhere. 'strict' would drop even that.
    sameSite: 'lax',
    // Secure whenever the request arrived over HTTPS. Behind a proxy, Express knows that
    // only through a trusted X-Forwarded-Proto (see app.ts); in local HTTP it stays off.
    secure: 'auto',
    // The cookie's life, and through connect-redis the key's TTL. With `rolling` both are
    // renewed on every response.
    maxAge: maxAgeMs,
    path: '/',
  };
}
// #endregion cookie-options
