import "server-only";
import { AppError } from "@/lib/errors";

/** The largest JSON body POST /api/v1/events reads. */
export const API_BODY_LIMIT_BYTES = 64 * 1024;

const TOO_LARGE = `The request body is larger than ${API_BODY_LIMIT_BYTES / 1024} KB.`;

function isJsonMediaType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.-]+\+json$/.test(type);
}

/**
 * Reads a JSON object body: 415 unless the Content-Type is JSON, 413 over
 * `limit` bytes (by Content-Length, and counted while reading so a missing or
 * false length cannot get past), 400 for anything that is not a JSON object.
 */
export async function readJsonObjectBody(request: Request, limit = API_BODY_LIMIT_BYTES): Promise<Record<string, unknown>> {
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON, with the header Content-Type: application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new AppError("PAYLOAD_TOO_LARGE", TOO_LARGE);

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw new AppError("PAYLOAD_TOO_LARGE", TOO_LARGE);
      }
      chunks.push(value);
    }
  }

  let parsed: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AppError("BAD_REQUEST", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}
