/**
 * Runs once when the server starts: validates the environment so that a bad
 * configuration stops the server at boot with a clear message, not at the
 * first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("./lib/env");
  try {
    getEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
