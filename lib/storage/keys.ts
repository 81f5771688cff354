import path from "node:path";

/** Storage keys: what a valid key looks like and the content type it implies. No server-only imports (pure). */

/** The file types storage accepts, by extension (the local driver has nowhere else to keep the type). */
const CONTENT_TYPES: Readonly<Record<string, string>> = { ".webp": "image/webp", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png" };

const KEY_PATTERN = /^[a-zA-Z0-9_-][a-zA-Z0-9/_.-]{0,299}$/;

/** Relative, no "..", no empty segments, only safe characters, a known extension, at most 300 characters (the column size). */
export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key) && !key.split("/").some((segment) => segment === "" || segment === "." || segment === "..") && contentTypeForKey(key) !== null;
}

export function contentTypeForKey(key: string): string | null {
  return CONTENT_TYPES[path.posix.extname(key).toLowerCase()] ?? null;
}

/** Throws on a key no driver may write (a programming error, never user input). */
export function assertWritable(key: string, contentType: string): void {
  if (!isValidKey(key)) throw new Error(`storage: invalid key ${JSON.stringify(key)}`);
  if (contentTypeForKey(key) !== contentType) throw new Error(`storage: content type ${contentType} does not match the key ${key}`);
}

/** The path under which app/uploads/[...key]/route.ts serves a key. */
export function uploadsRoutePath(key: string): string {
  return `/uploads/${key}`;
}
