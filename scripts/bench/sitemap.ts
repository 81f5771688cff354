/**
 * The sitemap index and its files on the benchmark database (issue 12): cold build time (empty cache) of the index
 * and of each file, their sizes and URL counts, and a second (cached) read.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/zenbali_bench REDIS_URL=redis://127.0.0.1:6379 \
 *     node --conditions=react-server --import tsx scripts/bench/sitemap.ts
 *
 * It uses its own Redis prefix (zbbench-sitemap:) and empties only that prefix's feed bucket.
 */
import { performance } from "node:perf_hooks";

process.env.REDIS_KEY_PREFIX ??= "zbbench-sitemap:";
process.env.CACHE_ENABLED = "true";
process.env.APP_URL ??= "https://zenbali.site";

const { invalidatePublicChange } = await import("@/lib/cache/public-cache");
const { buildSitemapFile, buildSitemapIndex, listSitemapFiles } = await import("@/lib/feeds/sitemap");
const { disconnectDb } = await import("@/lib/db");
const { closeRedis } = await import("@/lib/redis");

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

const size = (text: string) => {
  const bytes = Buffer.byteLength(text);
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
};
/** Occurrences of an element's start tag ("<url>", "<xhtml:link …/>"). */
const count = (text: string, tag: string) => text.split(new RegExp(`<${tag}[ >]`)).length - 1;

await invalidatePublicChange({ lists: true });
const [index, indexMs] = await timed(() => buildSitemapIndex());
const [, indexWarmMs] = await timed(() => buildSitemapIndex());
console.log(`index: cold ${indexMs.toFixed(0)} ms, cached ${indexWarmMs.toFixed(0)} ms, ${size(index)}, ${count(index, "sitemap")} files`);
let total = 0;
for (const file of await listSitemapFiles()) {
  const [body, coldMs] = await timed(async () => (await buildSitemapFile(file.name)) ?? "");
  const [, warmMs] = await timed(() => buildSitemapFile(file.name));
  total += count(body, "url");
  console.log(
    `${file.name}: cold ${coldMs.toFixed(0)} ms, cached ${warmMs.toFixed(0)} ms, ${size(body)}, ${count(body, "url")} URLs (${count(body, "xhtml:link")} alternates)`,
  );
}
console.log(`total: ${total} URLs`);
await invalidatePublicChange({ lists: true });
await disconnectDb();
await closeRedis();
