// Names both sides of the HTTP contract must spell the same way. No zod here: the
// browser bundle imports this module at run time, and it should carry nothing else.

/** The httpOnly cookie that holds a web session's id. */
export const SESSION_COOKIE = 'dust_session';
/** The readable cookie that holds the session's CSRF token (double submit). */
export const CSRF_COOKIE = 'dust_csrf';
/** Cookie-authenticated writes echo the CSRF token in this header. */
export const CSRF_HEADER = 'x-csrf-token';
