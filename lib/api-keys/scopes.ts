/**
 * API key scopes. One for now: `events:write` (POST /api/v1/events).
 * No server-only imports: the admin form (a client component) lists these.
 */
export const API_KEY_SCOPES = ["events:write"] as const;

export type TApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const EVENTS_WRITE_SCOPE: TApiKeyScope = "events:write";

export const API_KEY_NAME_MIN = 2;
export const API_KEY_NAME_MAX = 100;
