import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { BODY_LIMITS } from "./body-limit-policy";
import { admitRequestBody, PAYLOAD_TOO_LARGE_CODE } from "./body-limit";
import { jsonError } from "./respond";

/**
 * admitRequestBody in front of a stand-in for Next that reads the whole body,
 * on a real HTTP server: what passes arrives intact, what is too big is
 * refused before the stand-in ever runs.
 */
let server: Server;
let port: number;
const seen: { url: string; bytes: number; body: Buffer }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    void Promise.resolve(admitRequestBody(request, response)).then(async (ok) => {
      if (!ok) return;
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      seen.push({ url: request.url ?? "", bytes: body.length, body });
      response.end(JSON.stringify({ bytes: body.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

type TAnswer = { status: number; headers: IncomingMessage["headers"]; body: string; ms: number; sent: number };

/**
 * POSTs `total` bytes in 64 KB pieces (chunked unless `contentLength`), and
 * stops sending as soon as an answer arrives. `sendBody: false` declares the
 * length but sends nothing: only an answer given without reading can arrive.
 */
function post(
  path: string,
  {
    total,
    contentLength,
    sendBody = true,
    contentType = "application/json",
  }: { total: number; contentLength?: number; sendBody?: boolean; contentType?: string },
): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let sent = 0;
    let answered = false;
    const headers: Record<string, string | number> = { "content-type": contentType };
    if (contentLength !== undefined) headers["content-length"] = contentLength;
    const request = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers, agent: false }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString(), ms: performance.now() - started, sent }),
      );
      response.on("error", reject);
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (!sendBody) {
      request.flushHeaders();
      return;
    }
    const piece = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < total) {
        const size = Math.min(piece.length, total - sent);
        sent += size;
        if (!request.write(size === piece.length ? piece : piece.subarray(0, size))) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe("admitRequestBody", () => {
  it("refuses a chunked body over the cap with 413 as soon as the cap is passed, without handing it on", async () => {
    const answer = await post("/api/webhooks/stripe", { total: 64 * 1024 * 1024 });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("1 MB") as string } });
    expect(answer.sent).toBeLessThan(16 * 1024 * 1024); // stopped long before 64 MB
    expect(answer.ms).toBeLessThan(1_000);
    expect(seen).toEqual([]);
  });

  it("refuses a declared Content-Length over the cap at once, without reading a byte", async () => {
    const answer = await post("/api/v1/events", { total: 0, contentLength: 10 * 1024 * 1024, sendBody: false });
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(answer.headers.connection).toBe("close");
    expect(seen).toEqual([]);
  });

  it("hands a chunked body within the cap on intact, byte for byte", async () => {
    const total = BODY_LIMITS.jsonApi.bytes; // exactly at the cap
    const answer = await post("/api/v1/events", { total });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ bytes: total });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body.equals(Buffer.alloc(total, "a"))).toBe(true);
  });

  it("one byte over the cap is refused (chunked and declared)", async () => {
    const over = BODY_LIMITS.auth.bytes + 1;
    expect((await post("/api/auth/callback/credentials", { total: over, contentType: "application/x-www-form-urlencoded" })).status).toBe(413);
    expect((await post("/api/auth/callback/credentials", { total: over, contentLength: over, contentType: "application/x-www-form-urlencoded" })).status).toBe(
      413,
    );
    expect(seen).toEqual([]);
  });

  it("a declared length within the cap goes through: a 4.9 MB cover image on the event form", async () => {
    const total = Math.round(4.9 * 1024 * 1024);
    const answer = await post("/dashboard/events/new", { total, contentLength: total, contentType: "multipart/form-data; boundary=x" });
    expect(answer.status).toBe(200);
    expect(seen[0]?.bytes).toBe(total);
  });

  it("requests without a body go straight through", async () => {
    const answer = await new Promise<number>((resolve, reject) =>
      httpRequest({ host: "127.0.0.1", port, path: "/", agent: false }, (response) => resolve(response.statusCode ?? 0))
        .on("error", reject)
        .end(),
    );
    expect(answer).toBe(200);
  });

  it("uses the public error code of AppError('PAYLOAD_TOO_LARGE')", async () => {
    const body = (await jsonError(new AppError("PAYLOAD_TOO_LARGE", "x")).json()) as { error: { code: string } };
    expect(PAYLOAD_TOO_LARGE_CODE).toBe(body.error.code);
  });
});
