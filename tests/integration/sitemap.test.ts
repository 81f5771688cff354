/**
 * Issue 12: /sitemap.xml is a sitemap index of files (/sitemaps/pages.xml, /sitemaps/events-<n>.xml), every URL in
 * English, Indonesian and Russian with its hreflang alternates; each file within the protocol's limits, stable while
 * events are published, cached in Redis and refreshed when events change.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cacheCounters, invalidatePublicCaches, invalidatePublicChange } from "@/lib/cache/public-cache";
import { db, disconnectDb } from "@/lib/db";
import {
  buildSitemapFile,
  buildSitemapIndex,
  listSitemapFiles,
  SITEMAP_DEFAULT_URLS_PER_FILE,
  SITEMAP_MAX_URLS,
  sitemapEventsPerFile,
  type TSitemapOptions,
} from "@/lib/feeds/sitemap";
import { closeRedis } from "@/lib/redis";
import { readXml, type TElement } from "../support/read-xml";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";

const SITE = "http://localhost:3000";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const child = (element: TElement, name: string) => element.children.find((each) => each.name === name);

/** The index's files: name (after /sitemaps/) and lastmod. */
async function readIndex(options?: TSitemapOptions) {
  const index = readXml(await buildSitemapIndex(options));
  expect(index.name).toBe("sitemapindex");
  expect(index.attributes.xmlns).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  return index.children.map((sitemap) => {
    expect(sitemap.name).toBe("sitemap");
    const loc = child(sitemap, "loc")!.text;
    expect(loc.startsWith(`${SITE}/sitemaps/`)).toBe(true);
    return { name: loc.slice(`${SITE}/sitemaps/`.length), lastmod: child(sitemap, "lastmod")?.text };
  });
}

type TUrl = { loc: string; lastmod?: string; alternates: Record<string, string> };

/** A sitemap file's URLs, with their alternates (checked well-formed on the way). */
async function readFile(name: string, options?: TSitemapOptions): Promise<TUrl[]> {
  const body = await buildSitemapFile(name, options);
  expect(body, name).not.toBeNull();
  const urlset = readXml(body!);
  expect(urlset.name).toBe("urlset");
  expect(urlset.attributes.xmlns).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
  expect(urlset.attributes["xmlns:xhtml"]).toBe("http://www.w3.org/1999/xhtml");
  return urlset.children.map((url) => {
    expect(url.name).toBe("url");
    const links = url.children.filter((each) => each.name === "xhtml:link");
    for (const link of links) expect(link.attributes.rel).toBe("alternate");
    return {
      loc: child(url, "loc")!.text,
      lastmod: child(url, "lastmod")?.text,
      alternates: Object.fromEntries(links.map((link) => [link.attributes.hreflang!, link.attributes.href!])),
    };
  });
}

/** Every URL of every file the index lists, file by file. */
async function readAll(options?: TSitemapOptions) {
  const files = await readIndex(options);
  return Promise.all(files.map(async (file) => ({ ...file, urls: await readFile(file.name, options) })));
}

const inLanguages = (path: string) => [`${SITE}${path === "/" ? "" : path}`, `${SITE}/id${path === "/" ? "" : path}`, `${SITE}/ru${path === "/" ? "" : path}`];

describe("the sitemap index in three languages", () => {
  let listed: { slug: string; updatedAt: Date }[];
  let unlisted: { slug: string }[];
  let creatorId: string;

  beforeAll(async () => {
    await clearEvents();
    creatorId = (await createCreator()).id;
    const soon = (days: number) => new Date(Math.ceil((Date.now() + days * DAY) / HOUR) * HOUR);
    listed = [];
    unlisted = [];
    // Interleaved, so that blocks of rows mix events to list with ones the sitemap leaves out.
    for (let index = 0; index < 7; index++) {
      const event = await createEvent({ creatorId, title: `Sitemap Event ${index}`, startsAt: soon(index + 1) });
      const updatedAt = new Date(Date.UTC(2026, 10, 1 + index, 8));
      await db.event.update({ where: { id: event.id }, data: { updatedAt } });
      listed.push({ slug: event.slug, updatedAt });
      if (index % 2 === 0) {
        const kind = index / 2;
        const startsAt = kind === 1 ? new Date(Date.now() - 2 * DAY) : soon(3);
        const status = kind === 0 ? "DRAFT" : kind === 3 ? "CANCELLED" : "PUBLISHED";
        const other = await createEvent({ creatorId, title: `Sitemap Unlisted ${kind}`, startsAt, status, deletedAt: kind === 2 ? new Date() : null });
        unlisted.push(other); // a draft, an ended event, a deleted one, a cancelled one
      }
    }
    // A slug as no app path writes it, to prove the URLs are escaped.
    const odd = listed[3]!;
    await db.event.update({ where: { slug: odd.slug }, data: { slug: `${odd.slug}-a&b'c`, updatedAt: odd.updatedAt } });
    odd.slug = `${odd.slug}-a&b'c`;
    await invalidatePublicCaches("event");
  });

  beforeEach(() => {
    cacheCounters.hits = 0;
    cacheCounters.misses = 0;
  });

  afterAll(async () => {
    await clearEvents();
    await invalidatePublicCaches("reference");
    await disconnectDb();
    await closeRedis();
  });

  it("lists the pages file and the events files, each with the newest change among its URLs as lastmod", async () => {
    const files = await readIndex();
    expect(files.map((file) => file.name)).toEqual(["pages.xml", "events-1.xml"]);
    const newest = new Date(Math.max(...listed.map((event) => event.updatedAt.getTime()))).toISOString();
    for (const file of files) expect(file.lastmod).toBe(newest);
    const pages = await readFile("pages.xml");
    expect(pages.map((url) => url.loc)).toEqual([...inLanguages("/"), ...inLanguages("/calendar"), ...inLanguages("/calendar/month")]);
    for (const url of pages) expect(url.lastmod).toBe(newest);
  });

  it("lists every upcoming published event, in en, id and ru with hreflang alternates, and no other event", async () => {
    const [, events] = await readAll();
    const urls = events!.urls;
    expect(urls).toHaveLength(listed.length * 3);
    for (const event of listed) {
      const path = `/events/${event.slug}`;
      const [en, id, ru] = inLanguages(path).map((loc) => urls.find((url) => url.loc === loc));
      expect(en && id && ru, event.slug).toBeTruthy();
      for (const url of [en!, id!, ru!]) {
        expect(url.alternates).toEqual({ en: en!.loc, id: id!.loc, ru: ru!.loc, "x-default": en!.loc });
        expect(url.lastmod).toBe(event.updatedAt.toISOString());
      }
    }
    for (const event of unlisted) expect(urls.some((url) => url.loc.includes(event.slug))).toBe(false);
  });

  it("escapes what XML must escape (the index and files parse, and the odd slug reads back as its URL)", async () => {
    const body = (await buildSitemapFile("events-1.xml"))!;
    expect(body).toContain("-a&amp;b");
    expect(body).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const urls = await readFile("events-1.xml");
    expect(urls.some((url) => url.loc === new URL(`/ru/events/${listed[3]!.slug}`, SITE).toString())).toBe(true);
  });

  it("splits the URLs across files of at most the given size, none lost or repeated", async () => {
    for (const urlsPerFile of [3, 6, 7]) {
      const options = { urlsPerFile };
      const files = await readAll(options);
      expect(files[0]!.name).toBe("pages.xml");
      const eventFiles = files.slice(1);
      expect(eventFiles.length, `${urlsPerFile} per file`).toBeGreaterThan(1);
      for (const file of eventFiles) {
        expect(file.urls.length).toBeGreaterThan(0);
        expect(file.urls.length).toBeLessThanOrEqual(urlsPerFile);
        expect(file.urls.length % 3).toBe(0); // an event's three languages stay together
        expect(file.lastmod).toBe(
          file.urls
            .map((url) => url.lastmod!)
            .sort()
            .at(-1),
        );
      }
      const locs = eventFiles.flatMap((file) => file.urls.map((url) => url.loc));
      expect(new Set(locs).size).toBe(locs.length);
      expect(locs.sort()).toEqual((await readAll()).flatMap((file) => (file.name === "pages.xml" ? [] : file.urls.map((url) => url.loc))).sort());
    }
  });

  it("keeps each file's events where they are when an event is published or leaves the sitemap", async () => {
    const options = { urlsPerFile: 6 };
    const before = await readAll(options);
    const fresh = await createEvent({ creatorId, title: "Sitemap Newcomer", startsAt: new Date(Date.now() + 9 * DAY) });
    const leaving = listed[1]!;
    await db.event.update({ where: { slug: leaving.slug }, data: { status: "DRAFT" } });
    await invalidatePublicChange({ lists: true, eventSlugs: [leaving.slug, fresh.slug] });
    try {
      const after = await readAll(options);
      const fileOf = (files: typeof before, slug: string) => files.find((file) => file.urls.some((url) => url.loc.endsWith(`/events/${slug}`)))?.name;
      for (const event of listed) {
        if (event === leaving) expect(fileOf(after, event.slug)).toBeUndefined();
        else expect(fileOf(after, event.slug), event.slug).toBe(fileOf(before, event.slug));
      }
      expect(fileOf(after, fresh.slug)).toBe(after.at(-1)!.name);
    } finally {
      await db.event.delete({ where: { id: fresh.id } });
      await db.event.update({ where: { slug: leaving.slug }, data: { status: "PUBLISHED", updatedAt: leaving.updatedAt } });
      await invalidatePublicChange({ lists: true });
    }
  });

  it("answers 404 (null) for malformed, unknown or out-of-range file names, and for a block with nothing to list", async () => {
    for (const name of [
      "events-0.xml",
      "events-01.xml",
      "events-3.xml",
      "events-999999999.xml",
      "events-99999999999999999999.xml",
      "events-1.xml.gz",
      "events-1",
      "events--1.xml",
      "events-1e3.xml",
      "EVENTS-1.xml",
      "pages",
      "pages.xml.gz",
      "../sitemap.xml",
      "",
      "sitemap.xml",
    ])
      expect(await buildSitemapFile(name), name).toBeNull();
    // With one row per block, the blocks of rows the sitemap leaves out have no file.
    const listedNames = new Set((await listSitemapFiles({ urlsPerFile: 3 })).map((file) => file.name));
    const rows = await db.event.count();
    const empty = Array.from({ length: rows }, (_, index) => `events-${index + 1}.xml`).filter((name) => !listedNames.has(name));
    expect(empty.length).toBe(unlisted.length);
    for (const name of empty) expect(await buildSitemapFile(name, { urlsPerFile: 3 }), name).toBeNull();
    expect(await buildSitemapFile(`events-${rows + 1}.xml`, { urlsPerFile: 3 })).toBeNull();
  });

  it("answers the index and each file from Redis the second time, and shows a change on the next request", async () => {
    await invalidatePublicChange({ lists: true });
    const index = await buildSitemapIndex();
    const file = await buildSitemapFile("events-1.xml");
    const pages = await buildSitemapFile("pages.xml");
    const misses = cacheCounters.misses;
    expect(misses).toBeGreaterThan(0);
    expect(await buildSitemapIndex()).toBe(index);
    expect(await buildSitemapFile("events-1.xml")).toBe(file);
    expect(await buildSitemapFile("pages.xml")).toBe(pages);
    expect(cacheCounters.misses).toBe(misses);

    const renamed = listed[0]!;
    await db.event.update({ where: { slug: renamed.slug }, data: { slug: `${renamed.slug}-moved` } });
    try {
      await invalidatePublicChange({ lists: true, eventSlugs: [renamed.slug] });
      expect(await buildSitemapFile("events-1.xml")).toContain(`/ru/events/${renamed.slug}-moved<`);
    } finally {
      await db.event.update({ where: { slug: `${renamed.slug}-moved` }, data: { slug: renamed.slug, updatedAt: renamed.updatedAt } });
      await invalidatePublicChange({ lists: true });
    }
  });

  it("never lets a file pass the protocol's 50,000 URLs or 50 MB, whatever size is asked for", () => {
    expect(sitemapEventsPerFile() * 3).toBe(SITEMAP_DEFAULT_URLS_PER_FILE);
    expect(SITEMAP_DEFAULT_URLS_PER_FILE).toBeLessThanOrEqual(SITEMAP_MAX_URLS);
    expect(sitemapEventsPerFile({ urlsPerFile: 1_000_000 }) * 3).toBeLessThanOrEqual(SITEMAP_MAX_URLS);
    expect(sitemapEventsPerFile({ urlsPerFile: 3 })).toBe(1);
    expect(sitemapEventsPerFile({ urlsPerFile: 1 })).toBe(1);
  });
});
