/**
 * Calling server actions and use cases directly in integration tests: build
 * the FormData a form would post, catch what they throw, and read Next's
 * redirect() / notFound() signals (errors carrying a `digest`).
 */
export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** The error a promise rejects with, or null when it resolves. */
export function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

/** Next's signal in a thrown error: "NEXT_REDIRECT;replace;<url>;307;" or "NEXT_HTTP_ERROR_FALLBACK;404". */
export function digestOf(error: unknown): string {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" ? digest : "";
}

/** Where a redirect() sends the browser. */
export function redirectOf(error: unknown): URL {
  const match = /^NEXT_REDIRECT;[a-z]+;(.+);\d{3};$/.exec(digestOf(error));
  if (!match) throw new Error(`not a redirect: ${digestOf(error)}`);
  return new URL(match[1]!, "http://app.test");
}
