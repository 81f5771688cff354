export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages --
          a plain link: public pages have no client components and are served script-free (docs/lighthouse/README.md) */}
        <a href="/" className="text-xl font-bold text-brand-700">
          <span aria-hidden="true">🌴 </span>Zen Bali
        </a>
        <nav aria-label="Main">
          <ul className="flex items-center gap-4 text-sm font-medium">
            <li>
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages --
                a plain link: public pages have no client components and are served script-free (docs/lighthouse/README.md) */}
              <a href="/" className="hover:text-brand-700">
                Events
              </a>
            </li>
            <li>
              <a href="/calendar" className="hover:text-brand-700">
                This week
              </a>
            </li>
            <li>
              <a href="/dashboard/events/new" className="hover:text-brand-700">
                Post an event
              </a>
            </li>
            <li>
              <a href="/login" className="rounded-md border border-brand-600 px-3 py-1.5 text-brand-700 hover:bg-brand-50">
                Log in
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
