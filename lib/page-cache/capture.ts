// No "server-only": used by the page cache in server.mjs (outside Next's bundle).
import type { ServerResponse } from "node:http";
import { CACHEABLE_CONTENT_TYPES, isScriptFreePage, STORED_HEADERS, viewKindOf } from "./key";
import type { TStoredPage } from "./store";
import { stripFrameworkScripts } from "./strip-framework-scripts";

/**
 * The page cache, part 3 of 4: CAPTURE. Takes the response Next writes for a
 * miss and turns it into a copy to store. Next's custom-server API hands us a
 * plain ServerResponse and offers no other hook for its output, so capture
 * wraps that response's own methods (write, end; writeHead too when held):
 *
 * - `holdResponse`: public pages are held back until complete, so that even the
 *   first visitor gets exactly what later hits get (script-free, ETag, gzip);
 * - `teeResponse`: feeds go out as Next writes them while a copy is collected.
 *
 * The only markup read is ours: the event id an event page carries
 * (`data-event-id`, for its view count) and, in store.ts, the footer's count.
 */

/** The event id an event page's <article> carries (app/events/[slug]/page.tsx). */
const EVENT_ID_MARK = /data-event-id="([0-9a-f-]{36})"/;

type TWrite = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
type TEnd = (chunk?: unknown, encoding?: unknown, callback?: unknown) => ServerResponse;

function toBuffer(chunk: unknown, encoding?: unknown): Buffer | null {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return null;
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  if (typeof chunk !== "string") return null; // Node's response only takes strings and bytes
  return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

/** Collects what Next writes while it goes out as usual. `onEnd` gets the body, or null when it grew past `maxBytes`. */
export function teeResponse(response: ServerResponse, maxBytes: number, onEnd: (body: Buffer | null) => void) {
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (size > maxBytes) return;
    const buffer = toBuffer(chunk, encoding);
    if (!buffer) return;
    size += buffer.length;
    if (size <= maxBytes) chunks.push(buffer);
  };
  const write = response.write.bind(response) as TWrite;
  const end = response.end.bind(response) as TEnd;
  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    collect(chunk, encoding);
    return write(chunk, encoding, callback);
  }) as typeof response.write;
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    collect(chunk, encoding);
    const result = end(chunk, encoding, callback);
    onEnd(size > maxBytes ? null : Buffer.concat(chunks));
    return result;
  }) as typeof response.end;
}

/**
 * Lets Next write into a buffer instead of the socket (status and headers are
 * kept on the response). When it ends, `finish(body)` may answer the request
 * itself (true); otherwise (a 404, a redirect, a response that sets a cookie,
 * a page too big to keep) the body goes out exactly as Next wrote it.
 */
export function holdResponse(response: ServerResponse, finish: (body: Buffer) => boolean) {
  const chunks: Buffer[] = [];
  // What these names were on the response itself (usually nothing: the methods live on Node's prototype), to put back.
  const patched = ["writeHead", "write", "end", "flushHeaders"] as const;
  const own = patched.map((name) => [name, Object.getOwnPropertyDescriptor(response, name)] as const);
  response.writeHead = (statusCode: number, ...rest: unknown[]) => {
    response.statusCode = statusCode;
    const headers = rest.find((value) => value !== null && typeof value === "object") as
      Record<string, string | string[] | number | undefined> | string[] | undefined;
    if (Array.isArray(headers)) {
      for (let index = 0; index + 1 < headers.length; index += 2) response.setHeader(String(headers[index]), String(headers[index + 1]));
    } else if (headers) {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) response.setHeader(name, value);
    }
    return response;
  };
  response.flushHeaders = () => {};
  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    const buffer = toBuffer(chunk, encoding);
    if (buffer) chunks.push(buffer);
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof response.write;
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    const buffer = toBuffer(chunk, encoding);
    if (buffer) chunks.push(buffer);
    for (const [name, descriptor] of own) {
      if (descriptor) Object.defineProperty(response, name, descriptor);
      else Reflect.deleteProperty(response, name);
    }
    const done = [chunk, encoding, callback].find((value) => typeof value === "function") as (() => void) | undefined;
    if (done) response.once("finish", done);
    const body = Buffer.concat(chunks);
    if (!finish(body)) {
      response.removeHeader("content-length");
      response.setHeader("content-length", body.length);
      response.end(body);
    }
    return response;
  }) as typeof response.end;
}

/**
 * The copy to store of a finished response, or null when it is not one to keep: not a 200, not a text type we
 * cache, a Set-Cookie, or empty. `generation`: the page-cache generation its render started in (-1: unknown).
 */
export function storedPageOf(response: ServerResponse, cacheKey: string, generation: number, body: string): TStoredPage | null {
  const type = String(response.getHeader("content-type") ?? "");
  if (response.statusCode !== 200 || !CACHEABLE_CONTENT_TYPES.test(type) || response.getHeader("set-cookie") !== undefined || body.length === 0) return null;
  const headers: Record<string, string> = {};
  // JSON (the API) keeps the freshness its route chose; pages and feeds get the cache's own (serve.ts).
  for (const name of type.startsWith("application/json") ? [...STORED_HEADERS, "cache-control"] : STORED_HEADERS) {
    const value = response.getHeader(name);
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  if (type.startsWith("text/html") && isScriptFreePage(cacheKey)) body = stripFrameworkScripts(body);
  const views = viewKindOf(cacheKey);
  const eventId = views === "event" ? EVENT_ID_MARK.exec(body)?.[1] : undefined;
  return { g: generation, at: Date.now(), h: headers, b: body, t: views === "page" ? "page" : eventId ? { eventId } : undefined };
}
