// No "server-only": used by the page cache in server.mjs.

/**
 * Public pages ("/", event pages, organiser pages) are pure server-rendered
 * HTML: no client components, plain links, a GET filter form (the product contract:
 * "pages work without client JavaScript"). For anonymous visitors Next's
 * runtime (React, the router) and the inline RSC payload would only hydrate
 * markup that never changes: about 136 KB of gzipped JavaScript and two thirds
 * of the HTML. The page cache stores these pages without them (which pages:
 * `isScriptFreePage` in key.ts).
 *
 * Next offers no hook to render a page without its runtime, so this is the one
 * place that edits Next's markup, and only in the simplest way: whole script
 * and preload tags go.
 *
 * Kept: JSON-LD (`application/ld+json`) and every other tag. Not stripped: a
 * page that streams Suspense content (its `<template>` placeholders are filled
 * in by inline scripts), should one appear later.
 */
const STREAMING_MARKS = ["<template", "$RC(", "$RS(", "$RX("];

export function stripFrameworkScripts(html: string): string {
  if (STREAMING_MARKS.some((mark) => html.includes(mark))) return html;
  return html
    .replace(/<link rel="preload" as="script"[^>]*>/g, "")
    .replace(/<link rel="modulepreload"[^>]*>/g, "")
    .replace(/<script(?![^>]*type="application\/ld\+json")[^>]*>[\s\S]*?<\/script>/g, "");
}
