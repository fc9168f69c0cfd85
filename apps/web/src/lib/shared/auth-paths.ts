// The API's session endpoints (see apps/api/README.md).
export const SESSION_PATH = '/api/session';
export const TOKENS_PATH = '/api/tokens';
