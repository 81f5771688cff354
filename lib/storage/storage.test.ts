/**
 * The storage contract, run against both drivers: the local driver in a
 * temporary folder, and the S3 driver against a tiny S3 stand-in (a local
 * HTTP server that speaks PutObject / GetObject / DeleteObject, path-style).
 * No mocks: the real AWS SDK client signs and sends real HTTP requests.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { imageUrl } from "@/lib/events/event-card";
import { createLocalStorage } from "./local-driver";
import { createS3Storage } from "./s3-driver";
import { getStorage, isValidKey, type TStorage } from "./storage";

// ─── A fake S3 endpoint ──────────────────────────────────────────────────────

type TStoredObject = { body: Buffer; contentType: string; cacheControl: string | undefined };
type TSeenRequest = { method: string; path: string; authorization: string; contentType?: string };

class FakeS3 {
  readonly objects = new Map<string, TStoredObject>();
  readonly requests: TSeenRequest[] = [];
  /** Keys that answer 500 (to check that errors are not mistaken for "missing"). */
  readonly failing = new Set<string>();
  private server: Server | undefined;
  endpoint = "";

  constructor(readonly bucket: string) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, headers = {}, body }) => {
        response.writeHead(status, headers);
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body?: Buffer | string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", "http://fake");
    this.requests.push({
      method: request.method ?? "",
      path: url.pathname,
      authorization: request.headers.authorization ?? "",
      contentType: request.headers["content-type"],
    });
    // Path-style only: /<bucket>/<key>
    const [, bucket, ...rest] = url.pathname.split("/");
    const key = rest.map(decodeURIComponent).join("/");
    if (bucket !== this.bucket || !key) return this.error(404, "NoSuchBucket", "The specified bucket does not exist.");
    if (!request.headers.authorization?.startsWith("AWS4-HMAC-SHA256 ")) return this.error(403, "AccessDenied", "Access Denied");
    if (this.failing.has(key)) return this.error(500, "InternalError", "We encountered an internal error. Please try again.");

    switch (request.method) {
      case "PUT": {
        const contentType = request.headers["content-type"] ?? "binary/octet-stream";
        this.objects.set(key, { body: Buffer.concat(chunks), contentType, cacheControl: request.headers["cache-control"] });
        return { status: 200, headers: { ETag: '"fake-etag"' } };
      }
      case "GET": {
        const object = this.objects.get(key);
        if (!object) return this.error(404, "NoSuchKey", "The specified key does not exist.");
        return {
          status: 200,
          headers: {
            "Content-Type": object.contentType,
            "Content-Length": String(object.body.length),
            ETag: '"fake-etag"',
            "Last-Modified": new Date().toUTCString(),
          },
          body: object.body,
        };
      }
      case "DELETE":
        this.objects.delete(key);
        return { status: 204 };
      default:
        return this.error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }
  }

  private error(status: number, code: string, message: string) {
    return {
      status,
      headers: { "Content-Type": "application/xml" },
      body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>fake</RequestId></Error>`,
    };
  }
}

// ─── The contract ────────────────────────────────────────────────────────────

const webp = (text: string) => Buffer.concat([Buffer.from("RIFF\0\0\0\0WEBP"), Buffer.from(text)]);

function storageContract(name: string, make: () => TStorage) {
  describe(`${name}: the storage contract`, () => {
    it("returns what was put, with its content type", async () => {
      const storage = make();
      const body = webp("card rendition");
      await storage.put("covers/ab/abc123-card.webp", body, "image/webp");
      const file = await storage.get("covers/ab/abc123-card.webp");
      expect(file?.contentType).toBe("image/webp");
      expect(file?.body.equals(body)).toBe(true);
    });

    it("keeps binary content intact (every byte value, a larger file)", async () => {
      const storage = make();
      const body = Buffer.alloc(1_500_000);
      for (let index = 0; index < body.length; index++) body[index] = (index * 31) % 256;
      await storage.put("covers/cd/big.png", body, "image/png");
      expect((await storage.get("covers/cd/big.png"))?.body.equals(body)).toBe(true);
    });

    it("overwrites a key that is put again", async () => {
      const storage = make();
      await storage.put("covers/ef/same.webp", webp("first"), "image/webp");
      await storage.put("covers/ef/same.webp", webp("second"), "image/webp");
      expect((await storage.get("covers/ef/same.webp"))?.body.toString()).toContain("second");
    });

    it("answers null for a missing key", async () => {
      expect(await make().get("covers/00/never-written.webp")).toBeNull();
    });

    it("deletes, and deleting a missing key is not an error", async () => {
      const storage = make();
      await storage.put("covers/12/gone.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0]), "image/jpeg");
      await storage.delete("covers/12/gone.jpg");
      expect(await storage.get("covers/12/gone.jpg")).toBeNull();
      await expect(storage.delete("covers/12/gone.jpg")).resolves.toBeUndefined();
      await expect(storage.delete("covers/12/never-there.jpg")).resolves.toBeUndefined();
    });

    it("refuses to write keys that could escape, are not images or do not match the content type", async () => {
      const storage = make();
      for (const key of [
        "../escape.webp",
        "/absolute.webp",
        "covers//double.webp",
        "covers/./dot.webp",
        "covers/a b.webp",
        "covers/page.html",
        "covers/noext",
        "",
      ]) {
        await expect(storage.put(key, webp("x"), "image/webp"), key).rejects.toThrow(/invalid key/);
      }
      await expect(storage.put("covers/ok.webp", webp("x"), "image/png")).rejects.toThrow(/does not match/);
    });

    it("answers null (never a file elsewhere) for invalid keys", async () => {
      const storage = make();
      for (const key of ["../../etc/passwd", "../package.json", "covers/../../x.png", "%2e%2e/x.png"]) expect(await storage.get(key), key).toBeNull();
    });

    it("gives a URL for every key", () => {
      expect(make().url("covers/ab/abc-card.webp")).toMatch(/covers\/ab\/abc-card\.webp$/);
    });
  });
}

describe("keys", () => {
  it("accepts relative image paths only", () => {
    expect(isValidKey("covers/ab/0123-card.webp")).toBe(true);
    expect(isValidKey("seed/cover-1-large.webp")).toBe(true);
    expect(isValidKey("covers/x.svg")).toBe(false);
    expect(isValidKey("a/../b.webp")).toBe(false);
    expect(isValidKey(`${"a".repeat(300)}.webp`)).toBe(false);
  });
});

// ─── Local driver ────────────────────────────────────────────────────────────

let localRoot = "";

beforeAll(async () => {
  localRoot = await mkdtemp(path.join(tmpdir(), "zb-storage-"));
});

afterAll(async () => {
  await rm(localRoot, { recursive: true, force: true });
});

storageContract("local driver", () => createLocalStorage(localRoot));

describe("local driver", () => {
  it("writes plain files under its folder and serves them from /uploads", async () => {
    const storage = createLocalStorage(localRoot);
    await storage.put("covers/9f/on-disk-card.webp", webp("disk"), "image/webp");
    expect((await readFile(path.join(localRoot, "covers/9f/on-disk-card.webp"))).toString()).toContain("disk");
    expect(storage.url("covers/9f/on-disk-card.webp")).toBe("/uploads/covers/9f/on-disk-card.webp");
  });

  it("leaves no temporary file behind", async () => {
    const storage = createLocalStorage(localRoot);
    await storage.put("covers/77/atomic.webp", webp("atomic"), "image/webp");
    const { readdir } = await import("node:fs/promises");
    expect(await readdir(path.join(localRoot, "covers/77"))).toEqual(["atomic.webp"]);
  });

  it("does not read a folder as a file", async () => {
    const storage = createLocalStorage(localRoot);
    await storage.put("covers/dir.webp/inside.webp", webp("nested"), "image/webp");
    expect((await stat(path.join(localRoot, "covers/dir.webp"))).isDirectory()).toBe(true);
    expect(await storage.get("covers/dir.webp")).toBeNull();
  });
});

// ─── S3 driver ───────────────────────────────────────────────────────────────

const fake = new FakeS3("zenbali-test");
const credentials = { accessKeyId: "test-access-key", secretAccessKey: "test-secret-key" };
const s3 = (publicUrl?: string) =>
  createS3Storage({ bucket: fake.bucket, region: "us-east-1", endpoint: fake.endpoint, credentials, forcePathStyle: true, publicUrl });

beforeAll(async () => {
  await fake.start();
});

afterAll(async () => {
  await fake.stop();
});

storageContract("S3 driver", () => s3());

describe("S3 driver", () => {
  it("sends signed, path-style requests with the content type and a long cache lifetime", async () => {
    const storage = s3();
    fake.requests.length = 0;
    await storage.put("covers/aa/signed-large.webp", webp("signed"), "image/webp");
    const [put] = fake.requests;
    expect(put).toMatchObject({ method: "PUT", path: "/zenbali-test/covers/aa/signed-large.webp", contentType: "image/webp" });
    expect(put!.authorization).toContain("Credential=test-access-key/");
    expect(fake.objects.get("covers/aa/signed-large.webp")?.cacheControl).toBe("public, max-age=31536000, immutable");
  });

  it("links to the public URL when there is one, otherwise to /uploads (which proxies get())", () => {
    expect(s3("https://cdn.example.test/zen/").url("covers/aa/x-card.webp")).toBe("https://cdn.example.test/zen/covers/aa/x-card.webp");
    expect(s3().url("covers/aa/x-card.webp")).toBe("/uploads/covers/aa/x-card.webp");
  });

  it("reports a server error instead of pretending the file is missing", async () => {
    fake.failing.add("covers/ee/broken.webp");
    await expect(s3().get("covers/ee/broken.webp")).rejects.toThrow();
    await expect(s3().put("covers/ee/broken.webp", webp("x"), "image/webp")).rejects.toThrow();
    fake.failing.clear();
  });

  it("never sends a request for an invalid key", async () => {
    fake.requests.length = 0;
    expect(await s3().get("../../secret.png")).toBeNull();
    await s3().delete("../../secret.png");
    expect(fake.requests).toEqual([]);
  });
});

// ─── Choosing the driver from the environment ────────────────────────────────

describe("getStorage", () => {
  const saved = { ...process.env };

  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) Reflect.deleteProperty(process.env, name);
    Object.assign(process.env, saved);
    resetEnvForTests();
  });

  function useEnv(values: Record<string, string | undefined>) {
    for (const name of [
      "STORAGE_DRIVER",
      "S3_BUCKET",
      "S3_ENDPOINT",
      "S3_PUBLIC_URL",
      "S3_ACCESS_KEY_ID",
      "S3_SECRET_ACCESS_KEY",
      "S3_FORCE_PATH_STYLE",
      "S3_REGION",
    ])
      Reflect.deleteProperty(process.env, name);
    Object.assign(process.env, { DATABASE_URL: "postgresql://unused@127.0.0.1/unused", UPLOAD_DIR: localRoot }, values);
    resetEnvForTests();
  }

  it("uses the local folder by default", async () => {
    useEnv({});
    const storage = getStorage();
    await storage.put("covers/env/local.webp", webp("env"), "image/webp");
    expect(await readFile(path.join(localRoot, "covers/env/local.webp"))).toBeTruthy();
    expect(storage.url("covers/env/local.webp")).toBe("/uploads/covers/env/local.webp");
  });

  it("uses S3 when S3_BUCKET is set", async () => {
    useEnv({
      S3_BUCKET: fake.bucket,
      S3_ENDPOINT: fake.endpoint,
      S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: "test-access-key",
      S3_SECRET_ACCESS_KEY: "s",
      S3_PUBLIC_URL: "https://img.example.test",
    });
    const storage = getStorage();
    await storage.put("covers/env/s3.webp", webp("env s3"), "image/webp");
    expect(fake.objects.has("covers/env/s3.webp")).toBe(true);
    expect(storage.url("covers/env/s3.webp")).toBe("https://img.example.test/covers/env/s3.webp");
    // Public pages and the API link images where the driver serves them (the CDN here), not through /uploads.
    expect(imageUrl("covers/env/s3.webp")).toBe("https://img.example.test/covers/env/s3.webp");
    useEnv({});
    expect(imageUrl("covers/env/local.webp")).toBe("/uploads/covers/env/local.webp");
  });

  it("STORAGE_DRIVER=local wins over S3_BUCKET; s3 without a bucket is a configuration error", () => {
    useEnv({ S3_BUCKET: fake.bucket, STORAGE_DRIVER: "local" });
    expect(getStorage().url("covers/x.webp")).toBe("/uploads/covers/x.webp");
    useEnv({ STORAGE_DRIVER: "s3" });
    expect(() => getStorage()).toThrow(/S3_BUCKET/);
  });
});
