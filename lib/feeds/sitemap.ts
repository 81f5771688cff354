import "server-only";
import { cached } from "@/lib/cache/public-cache";
import { db } from "@/lib/db";
import { languageAlternates } from "@/lib/i18n/alternates";
import { LOCALES } from "@/lib/i18n/languages";
import { siteUrl } from "@/lib/site";
import { escapeXml } from "./xml";

/**
 * /sitemap.xml is a sitemap index (sitemaps.org 0.9) of sitemap files under /sitemaps/:
 * - `pages.xml`: the home page and the calendar pages;
 * - `events-<n>.xml`: the upcoming published events (every date of a series is an event) of block n.
 * Every URL is listed in each language (English without prefix, /id/…, /ru/…), each with its
 * `<xhtml:link rel="alternate" hreflang>` alternates (en, id, ru, x-default).
 *
 * Blocks are stable: every event row ever stored (of any status, deleted or not) is numbered in the order
 * (created_at, id), and block n holds the rows numbered (n-1)·B … n·B-1. A new event only ever joins the last block,
 * and an event leaving the sitemap (ended, unpublished, deleted) leaves its block without moving any other, so file n
 * always covers the same range of events; a block with no event to list is left out of the index (and its file is a
 * 404). The index and the files are cached in the `feed` bucket and invalidated with it (any change to `lists`).
 */

/** The protocol's limits for one sitemap file (and for one index): 50,000 URLs and 50 MB (52,428,800 bytes) uncompressed. */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
/** URLs per events file by default (10,000 events in three languages): smaller files build and cache faster. */
export const SITEMAP_DEFAULT_URLS_PER_FILE = 30_000;
/** The longest slug an event can have (events.slug is VARCHAR(160)). */
const MAX_SLUG_LENGTH = 160;

export type TSitemapOptions = {
  /** At most this many `<loc>` per events file (tests use a few); never more than the protocol allows. */
  urlsPerFile?: number;
};

export type TSitemapFile = { name: string; urls: number; lastmod: Date | null };

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const URLSET_OPEN = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">';
const URLSET_CLOSE = "</urlset>";
const HREFLANGS = [...LOCALES, "x-default"] as const;

/** A path listed in every language: one `<url>` per language, each with the alternates of all of them. */
function urlEntries(path: string, extra: { lastmod?: Date | null; changefreq?: string; priority?: string } = {}): string[] {
  const hrefs = new Map(Object.entries(languageAlternates(path)).map(([hreflang, href]) => [hreflang, escapeXml(href)]));
  const links = HREFLANGS.map((hreflang) => `<xhtml:link rel="alternate" hreflang="${hreflang}" href="${hrefs.get(hreflang) ?? ""}"/>`).join("");
  const lastmod = extra.lastmod ? `<lastmod>${extra.lastmod.toISOString()}</lastmod>` : "";
  const changefreq = extra.changefreq ? `<changefreq>${extra.changefreq}</changefreq>` : "";
  const priority = extra.priority ? `<priority>${extra.priority}</priority>` : "";
  return LOCALES.map((locale) => `  <url><loc>${hrefs.get(locale) ?? ""}</loc>${lastmod}${changefreq}${priority}${links}</url>`);
}

function urlset(entries: string[]): string {
  return [XML_DECLARATION, URLSET_OPEN, ...entries, URLSET_CLOSE, ""].join("\n");
}

/** The most bytes one event can take in a file: its longest slug, in every language. */
function worstEventBytes(): number {
  return Buffer.byteLength(urlEntries(`/events/${"a".repeat(MAX_SLUG_LENGTH)}`, { lastmod: new Date() }).join("\n") + "\n");
}

/**
 * Events per block: as many as `urlsPerFile` allows in every language, and never so many that a file could pass
 * the protocol's 50,000 URLs or 50 MB, even with the longest slugs.
 */
export function sitemapEventsPerFile(options: TSitemapOptions = {}): number {
  const urls = Math.min(options.urlsPerFile ?? SITEMAP_DEFAULT_URLS_PER_FILE, SITEMAP_MAX_URLS);
  const envelope = Buffer.byteLength(urlset([]));
  return Math.max(1, Math.min(Math.floor(urls / LOCALES.length), Math.floor((SITEMAP_MAX_BYTES - envelope) / worstEventBytes())));
}

type TSummary = { pagesLastmod: string | null; blocks: { block: number; urls: number; lastmod: string }[] };

/**
 * One pass over the events: for each block that holds an event to list, how many and the newest change among them
 * (what the index tells). Cached with the files, so the index and the files agree.
 */
function sitemapSummary(eventsPerFile: number): Promise<TSummary> {
  return cached("feed", `sitemap:summary:${eventsPerFile}`, async () => {
    const rows = await db.$queryRaw<{ block: number; events: number; lastmod: Date }[]>`
      SELECT (n.position / ${eventsPerFile})::int AS block, count(*)::int AS events, max(n.updated_at) AS lastmod
      FROM (
        SELECT row_number() OVER (ORDER BY created_at, id) - 1 AS position, updated_at,
               deleted_at IS NULL AND status = 'PUBLISHED' AND ends_at > ${new Date()} AS listed
        FROM events
      ) n
      WHERE n.listed
      GROUP BY 1
      ORDER BY 1
      LIMIT ${SITEMAP_MAX_URLS - 1}`;
    const newest = rows.reduce<Date | null>((latest, row) => (latest && latest >= row.lastmod ? latest : row.lastmod), null);
    return {
      pagesLastmod: newest?.toISOString() ?? null,
      blocks: rows.map((row) => ({ block: row.block, urls: row.events * LOCALES.length, lastmod: row.lastmod.toISOString() })),
    };
  });
}

const PAGES_FILE = "pages.xml";
const eventsFileName = (block: number) => `events-${block + 1}.xml`;
const EVENTS_FILE = /^events-([1-9][0-9]{0,8})\.xml$/;

/** The files the index lists, in order: the pages, then each block of events that has any. */
export async function listSitemapFiles(options: TSitemapOptions = {}): Promise<TSitemapFile[]> {
  const summary = await sitemapSummary(sitemapEventsPerFile(options));
  const lastmod = (iso: string | null) => (iso ? new Date(iso) : null);
  return [
    { name: PAGES_FILE, urls: PAGES.length * LOCALES.length, lastmod: lastmod(summary.pagesLastmod) },
    ...summary.blocks.map((block) => ({ name: eventsFileName(block.block), urls: block.urls, lastmod: lastmod(block.lastmod) })),
  ];
}

/** /sitemap.xml: the sitemap index, each file with the newest change among its URLs. */
export async function buildSitemapIndex(options: TSitemapOptions = {}): Promise<string> {
  const files = await listSitemapFiles(options);
  const entries = files.map((file) => {
    const lastmod = file.lastmod ? `<lastmod>${file.lastmod.toISOString()}</lastmod>` : "";
    return `  <sitemap><loc>${escapeXml(siteUrl(`/sitemaps/${file.name}`))}</loc>${lastmod}</sitemap>`;
  });
  return [XML_DECLARATION, '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...entries, "</sitemapindex>", ""].join("\n");
}

/** The pages that are not events: the listing and the calendars. */
const PAGES = [
  { path: "/", changefreq: "hourly", priority: "1.0" },
  { path: "/calendar", changefreq: "hourly", priority: "0.8" },
  { path: "/calendar/month", changefreq: "daily", priority: "0.6" },
] as const;

/**
 * /sitemaps/<name>: a sitemap file, or null (a 404) for a name that is not one the index lists (unknown, malformed,
 * out of range, or a block with no event to list).
 */
export async function buildSitemapFile(name: string, options: TSitemapOptions = {}): Promise<string | null> {
  const eventsPerFile = sitemapEventsPerFile(options);
  const summary = await sitemapSummary(eventsPerFile);
  if (name === PAGES_FILE) {
    const lastmod = summary.pagesLastmod ? new Date(summary.pagesLastmod) : null;
    return cached("feed", `sitemap:pages:${eventsPerFile}`, () =>
      Promise.resolve(urlset(PAGES.flatMap((page) => urlEntries(page.path, { lastmod, changefreq: page.changefreq, priority: page.priority })))),
    );
  }
  const match = EVENTS_FILE.exec(name);
  const block = match ? Number(match[1]) - 1 : -1;
  if (!summary.blocks.some((listed) => listed.block === block)) return null;
  return cached("feed", `sitemap:events:${eventsPerFile}:${block}`, async () => {
    const events = await db.$queryRaw<{ slug: string; updated_at: Date }[]>`
      SELECT n.slug, n.updated_at
      FROM (
        SELECT row_number() OVER (ORDER BY created_at, id) - 1 AS position, slug, updated_at,
               deleted_at IS NULL AND status = 'PUBLISHED' AND ends_at > ${new Date()} AS listed
        FROM events
      ) n
      WHERE n.listed AND n.position >= ${block * eventsPerFile} AND n.position < ${(block + 1) * eventsPerFile}
      ORDER BY n.position`;
    return urlset(events.flatMap((event) => urlEntries(`/events/${event.slug}`, { lastmod: event.updated_at })));
  });
}
