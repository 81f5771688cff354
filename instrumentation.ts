/**
 * Runs once when the server starts. The Node.js part validates the
 * environment so that a bad configuration stops the server at boot with a
 * clear message, not at the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./instrumentation-node");
  }
}
