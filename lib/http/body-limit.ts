// No "server-only": server.mjs loads this module outside Next's bundle.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bodyLimitFor, type TBodyLimit } from "./body-limit-policy";

/**
 * Caps every request body before anything buffers it (the product contract: "Every
 * request body is capped before it is read"). Called by server.mjs for each
 * request, before Next sees it:
 *
 * - A declared Content-Length over the cap: 413 at once, nothing read.
 *   (Node's parser never delivers more bytes than Content-Length declares.)
 * - A chunked body (no length): its bytes are counted as the parser delivers
 *   them, held here up to the cap, and handed to Next once complete. Past the
 *   cap, 413 at once; the rest is never read.
 *
 * Either way Next never sees a refused request, so it never writes a second
 * answer or logs an error about a half-read body. The 413 says
 * `Connection: close`; the socket stops being read and is destroyed shortly
 * after the answer has gone out (see refuse()).
 */

/** How long a refused connection stays open, unread, so that the client receives the 413 before the socket is destroyed. */
const LINGER_MS = 1_000;

/** The public code of AppError("PAYLOAD_TOO_LARGE"), as lib/http/respond.ts writes it (checked by body-limit.test.ts). */
export const PAYLOAD_TOO_LARGE_CODE = "payload_too_large";

export function payloadTooLargeBody(limit: TBodyLimit): string {
  return JSON.stringify({ error: { code: PAYLOAD_TOO_LARGE_CODE, message: `The request body is too large: at most ${limit.label} here.` } });
}

/**
 * Answers 413 and stops reading the connection. Node ends a `Connection:
 * close` answer with `socket.destroySoon()`, which destroys the socket as soon
 * as the answer is written: with the client's unread bytes still arriving,
 * the kernel then sends a reset, and the client may lose the 413 it has not
 * read yet. So this socket's destroySoon lingers instead: it stops reading,
 * sends FIN after the answer, and destroys the socket a moment later.
 */
function refuse(request: IncomingMessage, response: ServerResponse, limit: TBodyLimit): void {
  const socket = request.socket;
  if (response.headersSent) {
    socket.destroy();
    return;
  }
  socket.destroySoon = () => {
    socket.pause(); // stop reading: the client's window fills and it stops sending
    socket.resume = () => socket; // Node's request.dump() would start reading again, only to discard
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  const body = payloadTooLargeBody(limit);
  response.shouldKeepAlive = false;
  response.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "cache-control": "no-store", connection: "close" });
  response.end(body);
}

function declaredLength(request: IncomingMessage): number | null {
  const value = request.headers["content-length"];
  if (value === undefined || request.headers["transfer-encoding"] !== undefined) return null;
  const length = Number(value);
  return Number.isFinite(length) && length >= 0 ? length : null;
}

/**
 * True when the request may go on to Next (its body, if chunked, complete and
 * within the cap); false when it was refused (already answered) or the client
 * went away. Synchronous `true` for the usual case of a declared length.
 */
export function admitRequestBody(request: IncomingMessage, response: ServerResponse): boolean | Promise<boolean> {
  // No body at all (every page view): nothing to look up.
  if (request.headers["content-length"] === undefined && request.headers["transfer-encoding"] === undefined) return true;
  const limit = bodyLimitFor(request);
  const length = declaredLength(request);
  if (length !== null) {
    if (length <= limit.bytes) return true;
    refuse(request, response, limit);
    return false;
  }
  if (request.headers["transfer-encoding"] === undefined) return true; // no body
  if (request.complete) {
    // Already parsed (not seen with Node's parser, which emits the request before its body): count what is buffered.
    if (request.readableLength <= limit.bytes) return true;
    refuse(request, response, limit);
    return false;
  }
  return holdChunkedBody(request, response, limit);
}

/**
 * Takes the place of the request's `push` (which Node's HTTP parser calls
 * with each piece of the body, then null): counts and keeps the pieces up to
 * the cap, then replays them into the stream for Next to read.
 */
function holdChunkedBody(request: IncomingMessage, response: ServerResponse, limit: TBodyLimit): Promise<boolean> {
  return new Promise((resolve) => {
    const push = request.push.bind(request);
    const socket = request.socket;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (admitted: boolean) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      socket.off("close", onClose);
      resolve(admitted);
    };
    // The client gave up before the body was complete: nobody to answer.
    const onClose = () => {
      settle(false);
    };
    socket.once("close", onClose);
    request.push = ((chunk: Buffer | string | null, encoding?: BufferEncoding) => {
      if (settled) return true; // refused: whatever still arrives is dropped
      if (chunk === null) {
        request.push = push;
        for (const piece of chunks) push(piece);
        const result = push(null);
        settle(true);
        return result;
      }
      const piece = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
      size += piece.length;
      if (size > limit.bytes) {
        settle(false);
        refuse(request, response, limit);
        return true;
      }
      chunks.push(piece);
      return true;
    }) as typeof request.push;
  });
}
