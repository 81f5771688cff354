/**
 * Starts an extra production server (`node server.mjs`) next to the one
 * Playwright's webServer runs, with a few environment variables changed —
 * for specs that need Redis down or another server time zone.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { e2eServerEnv } from "../../playwright.config";

export type TExtraServer = { baseURL: string; process: ChildProcess; output: () => string; stop: () => Promise<void> };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function startExtraServer({
  port,
  env = {},
  timeoutMs = 30_000,
}: {
  port: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<TExtraServer> {
  const baseURL = `http://127.0.0.1:${port}`;
  // Fail clearly instead of testing someone else's server.
  if (await answers(`${baseURL}/api/health`)) throw new Error(`Port ${port} is already in use; stop whatever listens there.`);

  const childEnv = { ...process.env, ...e2eServerEnv, PORT: String(port), APP_URL: baseURL, ...env } as NodeJS.ProcessEnv;
  if (!("TZ" in env)) delete childEnv.TZ;
  const child = spawn(process.execPath, ["server.mjs"], { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killTimer);
    }
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server on port ${port} exited with code ${child.exitCode}:\n${output}`);
    if (/ready on/i.test(output) && (await answers(`${baseURL}/api/health`))) {
      return { baseURL, process: child, output: () => output, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`The server on port ${port} did not start within ${timeoutMs} ms:\n${output}`);
}

/** True when something answers HTTP at the URL (any status). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}
