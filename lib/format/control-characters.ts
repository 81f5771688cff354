/**
 * Text typed by people (forms, API bodies) as the app stores it: C0 control
 * characters other than TAB, LF and CR, and DEL, are removed (nobody can type
 * them, nothing shows them, and PostgreSQL cannot store U+0000 at all: an
 * insert with one fails); lone surrogates, which UTF-8 cannot hold, become
 * U+FFFD (what the database would store anyway), so the value we check is
 * the value we store.
 *
 * No server-only imports: the event form schema (shared with the browser) uses this.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /\p{Surrogate}/gu;

export function withoutControlCharacters(value: string): string {
  return value.replace(CONTROL, "").replace(LONE_SURROGATE, "\uFFFD");
}
