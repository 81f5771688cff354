import "server-only";
import { getEnv, type TEnv } from "@/lib/env";
import { createLocalStorage } from "./local-driver";
import { createS3Storage } from "./s3-driver";

export { contentTypeForKey, isValidKey, uploadsRoutePath } from "./keys";

/**
 * Where uploaded files live. Two drivers behind one small interface:
 * "local" (a folder, UPLOAD_DIR; one app instance) and "s3" (any
 * S3-compatible bucket; several instances). Keys are relative paths such as
 * "covers/ab/<hash>-card.webp"; files are immutable once written (a new
 * upload gets a new key), so they may be cached for ever.
 */
export interface TStorage {
  /** Writes (or overwrites) the file. `contentType` must match the key's extension. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The file, or null when it does not exist (or the key is not a valid key). */
  get(key: string): Promise<{ body: Buffer; contentType: string } | null>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
  /** Where a browser loads the file from: the /uploads route, or the bucket's public URL. */
  url(key: string): string;
}

let current: { env: TEnv; storage: TStorage } | undefined;

/** The storage the environment asks for (STORAGE_DRIVER; "s3" by default when S3_BUCKET is set). */
export function getStorage(): TStorage {
  const env = getEnv();
  if (current?.env === env) return current.storage;
  const bucket = env.STORAGE_DRIVER === "s3" ? env.S3_BUCKET : undefined; // the schema requires S3_BUCKET with STORAGE_DRIVER=s3
  const storage: TStorage = bucket
    ? createS3Storage({
        bucket,
        region: env.S3_REGION,
        endpoint: env.S3_ENDPOINT,
        credentials:
          env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
        publicUrl: env.S3_PUBLIC_URL,
        forcePathStyle: env.S3_FORCE_PATH_STYLE,
      })
    : createLocalStorage(env.UPLOAD_DIR);
  current = { env, storage };
  return storage;
}
