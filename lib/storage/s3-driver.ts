import "server-only";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { assertWritable, contentTypeForKey, isValidKey, uploadsRoutePath } from "./keys";
import type { TStorage } from "./storage";

export type TS3StorageOptions = {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, R2, …); unset for AWS. */
  endpoint?: string;
  /** Unset: the SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Public base URL of the bucket or its CDN; unset: files are served through /uploads. */
  publicUrl?: string;
  forcePathStyle?: boolean;
};

/** Files are immutable (content-addressed keys): a CDN or browser may keep them for a year. */
const CACHE_CONTROL = "public, max-age=31536000, immutable";

/**
 * An S3-compatible bucket, for deployments with several app instances. When
 * S3_PUBLIC_URL is set browsers load files from there; otherwise the
 * /uploads route reads them with get() and serves them like the local driver.
 */
export function createS3Storage(options: TS3StorageOptions): TStorage {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    forcePathStyle: options.forcePathStyle ?? false,
    // Many S3-compatible services reject the SDK's newer default checksums; send them only where the API requires one.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
  const { bucket } = options;
  const publicBase = options.publicUrl?.replace(/\/+$/, "");

  return {
    async put(key, body, contentType) {
      assertWritable(key, contentType);
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, ContentLength: body.length, CacheControl: CACHE_CONTROL }),
      );
    },

    async get(key) {
      const keyContentType = contentTypeForKey(key);
      if (!isValidKey(key) || !keyContentType) return null;
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!object.Body) return null;
        const body = Buffer.from(await object.Body.transformToByteArray());
        return { body, contentType: object.ContentType ?? keyContentType };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      if (!isValidKey(key)) return;
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      } catch (error) {
        if (!isMissing(error)) throw error; // S3 itself answers 204 for a missing key; some services answer 404
      }
    },

    url(key) {
      return publicBase ? `${publicBase}/${key}` : uploadsRoutePath(key);
    },
  };
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey) return true;
  return error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === "NotFound" || error.name === "NoSuchKey");
}
