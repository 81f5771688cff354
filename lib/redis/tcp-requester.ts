import { createHash } from "node:crypto";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import { Command, Redis as IORedis, ReplyError } from "ioredis";

/**
 * A `Requester` for the `@upstash/redis` `Redis` class that talks RESP to a
 * normal Redis server over TCP with ioredis. It answers exactly like the
 * Upstash REST API would (RAW replies: strings, numbers, null, arrays; errors as
 * `{ error }`), so the `Redis` class's own deserialisation works unchanged.
 *
 * Failure model:
 * - Redis *reply* errors (WRONGTYPE, NOSCRIPT, …) → `{ error }`, like REST.
 * - Transport failures (not connected, connection lost, timeout) → the promise
 *   REJECTS with `RedisUnavailableError`; `withRedis` uses that to trip its
 *   circuit breaker. Nothing ever queues while offline (`enableOfflineQueue:
 *   false`), and nothing in flight is resent after a reconnect.
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

/** Converts an Upstash command body to Redis arguments, adapting Lua where needed. */
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
    for (const [i, arg] of args.entries()) if (i >= 2) args[i] = translateSha(arg);
  }
  return { args };
}

/**
 * A command whose reply is left RAW: bulk strings as UTF-8 strings, nested
 * arrays as arrays, nil as null. ioredis's own commands reshape some replies
 * (HGETALL becomes an object), which the Upstash client would then misread.
 */
class RawCommand extends Command {
  constructor(args: readonly string[]) {
    // Lower case like ioredis's own commands (its flags and SELECT tracking compare lower-case names).
    super((args[0] ?? "").toLowerCase(), args.slice(1), { replyEncoding: null });
  }

  override transformReply(result: Buffer | Buffer[]): string | string[] | Buffer | Buffer[] {
    return normaliseReply(result) as string | string[];
  }
}

function normaliseReply(reply: unknown): unknown {
  if (reply === undefined) return null;
  if (Buffer.isBuffer(reply)) return reply.toString("utf8");
  if (Array.isArray(reply)) return reply.map(normaliseReply);
  if (isReplyError(reply)) return reply.message; // only inside nested script replies
  return reply;
}

/** A Redis error reply (WRONGTYPE, NOSCRIPT…), as opposed to a transport failure. */
function isReplyError(error: unknown): error is Error {
  return error instanceof (ReplyError as ErrorConstructor);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`Redis ${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** ioredis's pipeline and transaction objects take ready-made commands too (not in their public type). */
type CommandSink = { sendCommand(command: Command): unknown; exec(): Promise<Array<[Error | null, unknown]> | null> };

export function createTcpRequester(options: TcpRequesterOptions): TcpRequester {
  const connectTimeoutMs = options.connectTimeoutMs ?? 1_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
  const maxReconnectDelayMs = options.maxReconnectDelayMs ?? 3_000;
  const logger = options.logger ?? console;
  const safeUrl = redactUrl(options.url);

  const client = new IORedis(options.url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    // Nothing ever waits for a connection: a command sent while Redis is away fails at once…
    enableOfflineQueue: false,
    // …and so does one in flight when the connection drops (never resent on reconnect).
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Exponential back-off with jitter, capped; never gives up (the app is long-lived).
    retryStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 10), maxReconnectDelayMs) + Math.floor(Math.random() * 100),
  });

  let started = false;
  let closed = false;
  /** Set when the connection fails or drops, cleared on 'ready': while set, fail fast instead of waiting. */
  let failing = false;
  let outageLogged = false;

  function outage(reason: string): void {
    failing = true;
    if (!outageLogged && !closed) {
      outageLogged = true;
      logger.warn(`Redis: connection to ${safeUrl} failed (${reason}); serving fallbacks and retrying in the background`);
    }
  }

  client.on("error", (error: unknown) => outage(error instanceof Error ? error.message || error.name : String(error)));
  // A server that closes the connection cleanly (a restart) emits no 'error'.
  client.on("close", () => {
    if (!closed) outage("connection closed");
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
    // connect() keeps retrying via retryStrategy; its errors are reported through 'error'.
    client.connect().catch(() => {});
  }

  /** Shared by all callers waiting for the first connection (one set of listeners). */
  let firstConnect: Promise<void> | undefined;

  /** Resolves when ready; rejects fast during an outage; waits at most connectTimeoutMs on first use. */
  async function ready(): Promise<void> {
    if (closed) throw new RedisUnavailableError("Redis client is closed");
    if (client.status === "ready") return;
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

  function answer(prepared: PreparedCommand, reply: unknown): UpstashResponse<unknown> {
    const raw = normaliseReply(reply);
    return { result: prepared.mapReply ? prepared.mapReply(raw) : raw };
  }

  async function single(command: unknown): Promise<UpstashResponse<unknown>> {
    if (!Array.isArray(command) || command.length === 0) return { error: "ERR empty command" };
    const prepared = prepareCommand(command);
    try {
      const reply = await client.sendCommand(new RawCommand(prepared.args));
      return answer(prepared, reply);
    } catch (error) {
      if (isReplyError(error)) return { error: error.message };
      throw transportError(error);
    }
  }

  /** Each command answers independently, like the REST /pipeline endpoint; written to the socket in one batch. */
  async function pipeline(commands: unknown[]): Promise<Array<UpstashResponse<unknown>>> {
    const prepared = commands.map((command) => (Array.isArray(command) && command.length > 0 ? prepareCommand(command) : null));
    const batch = client.pipeline() as unknown as CommandSink;
    for (const item of prepared) if (item) batch.sendCommand(new RawCommand(item.args));
    let replies: Array<[Error | null, unknown]>;
    try {
      replies = (await batch.exec()) ?? [];
    } catch (error) {
      throw transportError(error);
    }
    let next = 0;
    return prepared.map((item) => {
      if (!item) return { error: "ERR empty command" };
      const [error, reply] = replies[next++] ?? [new Error("no reply")];
      if (!error) return answer(item, reply);
      if (isReplyError(error)) return { error: error.message };
      throw transportError(error);
    });
  }

  async function multiExec(commands: unknown[]): Promise<Array<UpstashResponse<unknown>>> {
    const prepared = commands.map((command) => (Array.isArray(command) && command.length > 0 ? prepareCommand(command) : { args: ["__EMPTY__"] }));
    const transaction = client.multi() as unknown as CommandSink;
    for (const { args } of prepared) transaction.sendCommand(new RawCommand(args));
    let replies: Array<[Error | null, unknown]>;
    try {
      replies = (await transaction.exec()) ?? [];
    } catch (error) {
      const queueErrors = (error as { previousErrors?: unknown[] }).previousErrors ?? [];
      const first = queueErrors.find(isReplyError);
      if (isReplyError(error) && first) {
        // Queue-time error (bad command / arity): Redis discarded the whole transaction.
        const message = `EXECABORT Transaction discarded because of previous errors: ${first.message}`;
        return prepared.map(() => ({ error: message }));
      }
      throw transportError(error);
    }
    // Runtime errors inside EXEC: the other commands still ran (Redis has no rollback).
    return replies.map(([error, reply], i) => {
      if (error) return { error: isReplyError(error) ? error.message : String(error) };
      const command = prepared[i];
      // EXEC answers once per queued command; a reply beyond them would be a client bug.
      return command ? answer(command, reply) : { error: "ERR a transaction reply without its command" };
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
    isReady: () => client.status === "ready",
    close: async () => {
      if (closed) return;
      closed = true;
      if (client.status === "end") return;
      try {
        if (client.status === "ready") await withTimeout(client.quit(), 1_000, "close");
        else client.disconnect();
      } catch {
        client.disconnect();
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
