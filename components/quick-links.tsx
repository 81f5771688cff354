import type { TReferenceItem } from "@/lib/reference/list-reference-data";

/**
 * One tap to what most visitors look for, under the heading of "/": tonight,
 * this weekend, the week's agenda, and the busiest locations.
 */
export function QuickLinks({ locations }: { locations: readonly TReferenceItem[] }) {
  const links = [
    { href: "/?when=tonight", label: "Tonight" },
    { href: "/?when=weekend", label: "This weekend" },
    { href: "/calendar", label: "This week" },
    ...locations.map((location) => ({ href: `/?location=${encodeURIComponent(location.slug)}`, label: location.name })),
  ];
  return (
    <nav aria-label="Quick links" className="mb-4">
      <ul className="flex flex-wrap gap-2 text-sm font-medium">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} className="inline-block rounded-full border border-brand-600 px-3 py-1 text-brand-800 hover:bg-brand-50">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
