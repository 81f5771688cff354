import { getVisitorCount } from "@/lib/stats/get-visitor-count";

export async function SiteFooter() {
  return <SiteFooterView visitors={await getVisitorCount()} />;
}

/** The footer's markup for a visitor count (the light render path of lib/public-pages renders it too). */
export function SiteFooterView({ visitors }: { visitors: number }) {
  return (
    <footer className="mt-16 bg-stone-900 text-stone-200">
      <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-8 text-sm sm:flex-row sm:items-center sm:justify-between">
        <p>
          {/* data-live: the page cache (lib/page-cache) puts the current count into cached copies of the page;
              one text node, and no hydration warning when the served count is newer than the rendered one. */}
          <span data-testid="visitor-count" data-live="visitors" suppressHydrationWarning>{`Visitors: ${visitors.toLocaleString("en-US")}`}</span>
        </p>
        <nav aria-label="Feeds">
          <ul className="flex gap-4">
            <li>
              <a href="/feed.xml" className="underline">
                RSS feed
              </a>
            </li>
            <li>
              <a href="/events.ics" className="underline">
                Calendar feed (.ics)
              </a>
            </li>
          </ul>
        </nav>
        <p>© {new Date().getUTCFullYear()} Zen Bali · Events in Bali, in Bali time (WITA)</p>
      </div>
    </footer>
  );
}
