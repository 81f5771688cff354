import type { NextRequest } from "next/server";
import { readUpload } from "@/lib/storage/local-files";

export async function GET(_request: NextRequest, { params }: { params: Promise<{ key: string[] }> }) {
  const { key } = await params;
  const file = await readUpload(key.join("/"));
  if (!file) return new Response("Not found", { status: 404 });
  // Keys are content-addressed (a new upload gets a new key), so they never change.
  return new Response(new Uint8Array(file.body), {
    headers: { "Content-Type": file.contentType, "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff" },
  });
}
