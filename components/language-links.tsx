/** One link per language, to the same page in it (the header's switcher; see SiteHeader). */
export type TLanguageLink = { code: string; name: string; href: string; current: boolean };

export function LanguageLinks({ label, links }: { label: string; links: TLanguageLink[] }) {
  return (
    // Beside the name on a phone (no extra row above the events), last on wider screens.
    <nav aria-label={label} className="sm:order-last">
      <ul className="flex gap-3 text-xs">
        {links.map((link) => (
          <li key={link.code}>
            <a
              href={link.href}
              hrefLang={link.code}
              lang={link.code}
              aria-current={link.current ? "page" : undefined}
              className={`inline-block py-1 ${link.current ? "font-semibold text-stone-900" : "text-brand-800 underline"}`}
            >
              {link.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
