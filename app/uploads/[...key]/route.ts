import type { NextRequest } from "next/server";
import { getStorage } from "@/lib/storage/storage";

/**
 * Uploaded files, from whichever storage driver is configured (a local
 * folder, or an S3 bucket without a public URL). Keys are content-addressed
 * (a new upload gets a new key), so a file never changes: cached for a year.
 */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ key: string[] }> }) {
  const { key } = await params;
  const file = await getStorage().get(key.join("/"));
  if (!file) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.body.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
