import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "@/lib/env";

const CONTENT_TYPES: Record<string, string> = { ".webp": "image/webp", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png" };

/** Reads a stored upload by key; null for anything outside UPLOAD_DIR or missing. */
export async function readUpload(key: string): Promise<{ body: Buffer; contentType: string } | null> {
  if (!/^[a-zA-Z0-9/_.-]+$/.test(key) || key.includes("..")) return null;
  const root = path.resolve(getEnv().UPLOAD_DIR);
  const file = path.resolve(root, key);
  if (!file.startsWith(root + path.sep)) return null;
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()];
  if (!contentType) return null;
  try {
    return { body: await readFile(file), contentType };
  } catch {
    return null;
  }
}
