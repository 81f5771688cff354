import { createHash } from "node:crypto";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import { createClient, ErrorReply, MultiErrorReply } from "redis";

/**
 * A `Requester` for the `@upstash/redis` `Redis` class that talks RESP to a
 * normal Redis server over TCP with node-redis. It answers exactly like the
 * Upstash REST API would (RAW replies: strings, numbers, null, arrays; errors as
 * `{ error }`), so the `Redis` class's own deserialisation works unchanged.
 *
 * Failure model:
 * - Redis *reply* errors (WRONGTYPE, NOSCRIPT, …) → `{ error }`, like REST.
 * - Transport failures (not connected, connection lost, timeout) → the promise
 *   REJECTS with `RedisUnavailableError`; `withRedis` uses that to trip its
 *   circuit breaker. Nothing ever queues while offline (`disableOfflineQueue`).
 */

export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RedisUnavailableError";
  }
}

export interface TcpRequesterOptions {
  url: string;
  /** TCP connect timeout per attempt. */
  connectTimeoutMs?: number;
  /** Upper bound for any single request (a backstop; callers should use withRedis). */
  commandTimeoutMs?: number;
  /** Cap for the reconnect back-off. */
  maxReconnectDelayMs?: number;
  logger?: Pick<Console, "warn" | "info">;
}

export type TcpRequester = Requester & {
  /** True once connected and ready to send commands. */
  readonly isReady: () => boolean;
  close: () => Promise<void>;
};

// ---------------------------------------------------------------------------
// Lua scripts: stock Redis rejects unknown shebang flags such as
// `#!lua flags=allow-key-locking` (Upstash-only; @upstash/ratelimit uses it).
// We rewrite the script, and keep EVALSHA consistent by translating the sha1 of
// the original script (what callers compute) to the sha1 of what Redis stored.
// ---------------------------------------------------------------------------

const REDIS_SHEBANG_FLAGS = new Set(["no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"]);
/** sha1(original script) → sha1(script as sent to Redis). Content-addressed, so global is fine. */
const scriptShaMap = new Map<string, string>();

export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** Returns the script with Upstash-only shebang flags removed (line count preserved). */
export function adaptScript(script: string): string {
  if (!script.startsWith("#!")) return script;
  const newline = script.indexOf("\n");
  const firstLine = newline === -1 ? script : script.slice(0, newline);
  const rest = newline === -1 ? "" : script.slice(newline);
  const match = /^#!lua(?:\s+flags=(\S*))?\s*$/.exec(firstLine.trimEnd());
  if (!match) return script; // not a Lua shebang we understand: let Redis judge it
  const flags = (match[1] ?? "").split(",").filter((flag) => REDIS_SHEBANG_FLAGS.has(flag));
  if (flags.length > 0) return `#!lua flags=${flags.join(",")}${rest}`;
  // No flag Redis knows: drop the shebang (a comment keeps line numbers in errors).
  return `-- ${firstLine.slice(2)}${rest}`;
}

function rememberScript(original: string): string {
  const adapted = adaptScript(original);
  if (adapted !== original) scriptShaMap.set(sha1(original), sha1(adapted));
  return adapted;
}

const translateSha = (sha: string): string => scriptShaMap.get(sha.toLowerCase()) ?? sha;

function toArg(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    if (value === Number.POSITIVE_INFINITY) return "+inf";
    if (value === Number.NEGATIVE_INFINITY) return "-inf";
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null || value === undefined) return "";
  return JSON.stringify(value);
}

interface PreparedCommand {
  args: string[];
  /** Rewrites the raw reply (e.g. SCRIPT LOAD must return the caller's sha1). */
  mapReply?: (reply: unknown) => unknown;
}

/** Converts an Upstash command body to node-redis args, adapting Lua where needed. */
export function prepareCommand(command: readonly unknown[]): PreparedCommand {
  const args = command.map(toArg);
  const name = (args[0] ?? "").toUpperCase();
  if ((name === "EVAL" || name === "EVAL_RO") && args[1] !== undefined) {
    args[1] = rememberScript(args[1]);
  } else if ((name === "EVALSHA" || name === "EVALSHA_RO") && args[1] !== undefined) {
    args[1] = translateSha(args[1]);
  } else if (name === "SCRIPT" && args[1]?.toUpperCase() === "LOAD" && args[2] !== undefined) {
    const original = args[2];
    args[2] = rememberScript(original);
    const callerSha = sha1(original);
    return { args, mapReply: () => callerSha };
  } else if (name === "SCRIPT" && args[1]?.toUpperCase() === "EXISTS") {
    for (let i = 2; i < args.length; i++) args[i] = translateSha(args[i]!);
  }
  return { args };
}

/** node-redis replies are already RAW for RESP2; only make sure nothing odd leaks out. */
function normaliseReply(reply: unknown): unknown {
  if (reply === undefined) return null;
  if (Array.isArray(reply)) return reply.map(normaliseReply);
  if (Buffer.isBuffer(reply)) return reply.toString("utf8");
  if (reply instanceof ErrorReply) return reply.message; // only inside nested script replies
  return reply;
}

function isReplyError(error: unknown): error is ErrorReply {
  return error instanceof ErrorReply;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`Redis ${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createTcpRequester(options: TcpRequesterOptions): TcpRequester {
  const connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
  const maxReconnectDelayMs = options.maxReconnectDelayMs ?? 3_000;
  const logger = options.logger ?? console;
  const safeUrl = redactUrl(options.url);

  const client = createClient({
    url: options.url,
    RESP: 2,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      // Exponential back-off with jitter, capped; never gives up (the app is long-lived).
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 10), maxReconnectDelayMs) + Math.floor(Math.random() * 100),
    },
  });

  let started = false;
  let closed = false;
  /** Set by an 'error' event, cleared on 'ready': while set, fail fast instead of waiting. */
  let failing = false;
  let outageLogged = false;

  client.on("error", (error: unknown) => {
    failing = true;
    if (!outageLogged && !closed) {
      outageLogged = true;
      const message = error instanceof Error ? error.message || error.name : String(error);
      logger.warn(`Redis: connection to ${safeUrl} failed (${message}); serving fallbacks and retrying in the background`);
    }
  });
  client.on("ready", () => {
    failing = false;
    if (outageLogged) {
      outageLogged = false;
      logger.info(`Redis: connected to ${safeUrl} again`);
    }
  });

  function start(): void {
    if (started || closed) return;
    started = true;
    // connect() keeps retrying via reconnectStrategy; its errors are reported through 'error'.
    client.connect().catch(() => {});
  }

  /** Shared by all callers waiting for the first connection (one set of listeners). */
  let firstConnect: Promise<void> | undefined;

  /** Resolves when ready; rejects fast during an outage; waits at most connectTimeoutMs on first use. */
  async function ready(): Promise<void> {
    if (closed) throw new RedisUnavailableError("Redis client is closed");
    if (client.isReady) return;
    start();
    if (failing) throw new RedisUnavailableError(`Redis at ${safeUrl} is unavailable`);
    firstConnect ??= new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        client.off("ready", onReady);
        client.off("error", onError);
        firstConnect = undefined;
      };
      const onReady = () => {
        cleanup();
        resolve();
      };
      const onError = (error: unknown) => {
        cleanup();
        reject(new RedisUnavailableError(`Redis at ${safeUrl} is unavailable`, { cause: error }));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new RedisUnavailableError(`Redis at ${safeUrl}: connect timed out after ${connectTimeoutMs} ms`));
      }, connectTimeoutMs);
      client.once("ready", onReady);
      client.once("error", onError);
    });
    await firstConnect;
  }

  function transportError(error: unknown): RedisUnavailableError {
    if (error instanceof RedisUnavailableError) return error;
    const message = error instanceof Error ? error.message || error.name : String(error);
    return new RedisUnavailableError(`Redis at ${safeUrl}: ${message}`, { cause: error });
  }

  async function single(command: unknown): Promise<UpstashResponse<unknown>> {
    if (!Array.isArray(command) || command.length === 0) return { error: "ERR empty command" };
    const prepared = prepareCommand(command);
    try {
      const reply = await client.sendCommand(prepared.args);
      const raw = normaliseReply(reply);
      return { result: prepared.mapReply ? prepared.mapReply(raw) : raw };
    } catch (error) {
      if (isReplyError(error)) return { error: error.message };
      throw transportError(error);
    }
  }

  async function pipeline(commands: unknown[]): Promise<Array<UpstashResponse<unknown>>> {
    // Commands issued in the same tick are written in one batch by node-redis, i.e. a pipeline.
    // Each command answers independently, like the REST /pipeline endpoint.
    return Promise.all(commands.map((command) => single(command)));
  }

  async function multiExec(commands: unknown[]): Promise<Array<UpstashResponse<unknown>>> {
    const prepared = commands.map((command) =>
      Array.isArray(command) && command.length > 0 ? prepareCommand(command) : { args: ["__EMPTY__"] },
    );
    const multi = client.multi();
    for (const { args } of prepared) multi.addCommand(args);
    let replies: unknown[];
    try {
      replies = await multi.exec();
    } catch (error) {
      if (error instanceof MultiErrorReply) {
        // Runtime errors inside EXEC: the other commands still ran (Redis has no rollback).
        replies = error.replies;
      } else if (isReplyError(error)) {
        // Queue-time error (bad command / arity): Redis discarded the whole transaction.
        const message = `EXECABORT Transaction discarded because of previous errors: ${error.message}`;
        return prepared.map(() => ({ error: message }));
      } else {
        throw transportError(error);
      }
    }
    return replies.map((reply, i) => {
      if (reply instanceof ErrorReply) return { error: reply.message };
      const raw = normaliseReply(reply);
      const mapReply = prepared[i]?.mapReply;
      return { result: mapReply ? mapReply(raw) : raw };
    });
  }

  async function request<TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    await ready();
    const path = req.path ?? [];
    let work: Promise<unknown>;
    if (path.length === 0) work = single(req.body);
    else if (path[0] === "pipeline") work = pipeline(Array.isArray(req.body) ? req.body : []);
    else if (path[0] === "multi-exec") work = multiExec(Array.isArray(req.body) ? req.body : []);
    else return { error: `ERR unsupported request path for the TCP requester: ${path.join("/")}` };
    return (await withTimeout(work, commandTimeoutMs, "command")) as UpstashResponse<TResult>;
  }

  return {
    request,
    isReady: () => client.isReady,
    close: async () => {
      if (closed) return;
      closed = true;
      if (!client.isOpen) return;
      try {
        if (client.isReady) await withTimeout(client.close(), 1_000, "close");
        else client.destroy();
      } catch {
        try {
          if (client.isOpen) client.destroy();
        } catch {
          // already closed
        }
      }
    },
  };
}

/** redis://user:secret@host:6379 → redis://user:***@host:6379 (for log lines). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "redis://(invalid url)";
  }
}
