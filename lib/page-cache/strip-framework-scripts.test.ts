import { describe, expect, it } from "vitest";
import { stripFrameworkScripts } from "./strip-framework-scripts";

const page = [
  '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/a.css"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
  '<script src="/_next/static/chunks/c.js" async=""></script></head>',
  '<body><main><h1>Discover events in Bali</h1><a href="/events/x">X</a></main>',
  '<script type="application/ld+json">{"@type":"Event","name":"X"}</script>',
  '<script>self.__next_f.push([1,"payload <b>"])</script>',
  "<script>(self.__next_s=self.__next_s||[]).push([0,{}])</script></body></html>",
].join("");

describe("stripFrameworkScripts", () => {
  it("removes Next's scripts, script preloads and the RSC payload, keeping markup, CSS and JSON-LD", () => {
    const html = stripFrameworkScripts(page);
    expect(html).not.toContain("__next_f");
    expect(html).not.toContain("__next_s");
    expect(html).not.toContain('as="script"');
    expect(html).not.toMatch(/<script src=/);
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css"/>');
    expect(html).toContain('<script type="application/ld+json">{"@type":"Event","name":"X"}</script>');
    expect(html).toContain('<h1>Discover events in Bali</h1><a href="/events/x">X</a>');
  });

  it("leaves pages that stream Suspense content as they are", () => {
    const streaming = page.replace("<main>", '<main><template id="B:0"></template>');
    expect(stripFrameworkScripts(streaming)).toBe(streaming);
  });
});
