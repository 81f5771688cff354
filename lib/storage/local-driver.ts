import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertWritable, contentTypeForKey, isValidKey, uploadsRoutePath } from "./keys";
import type { TStorage } from "./storage";

/**
 * Files in a local folder (UPLOAD_DIR), served by app/uploads/[...key]. For a
 * single app instance (or a shared volume). The content type comes from the
 * key's extension.
 */
export function createLocalStorage(rootDir: string): TStorage {
  const root = path.resolve(rootDir);

  /** The absolute path of a key, or null when the key is invalid or would leave the folder. */
  function fileOf(key: string): string | null {
    if (!isValidKey(key)) return null;
    const file = path.resolve(root, key);
    return file.startsWith(root + path.sep) ? file : null;
  }

  return {
    async put(key, body, contentType) {
      assertWritable(key, contentType);
      const file = fileOf(key);
      if (!file) throw new Error(`storage: invalid key ${JSON.stringify(key)}`);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees half a file.
      const temporary = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await writeFile(temporary, body);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async get(key) {
      const file = fileOf(key);
      const contentType = contentTypeForKey(key);
      if (!file || !contentType) return null;
      try {
        // UPLOAD_DIR is chosen at run time: nothing for the build to trace (without the comment Turbopack traces the whole project).
        return { body: await readFile(/*turbopackIgnore: true*/ file), contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR") return null;
        throw error;
      }
    },

    async delete(key) {
      const file = fileOf(key);
      if (file) await rm(file, { force: true });
    },

    url(key) {
      return uploadsRoutePath(key);
    },
  };
}
