import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/** Share links that work without JavaScript (each opens the service's own share page). */
export function ShareLinks({ url, title, locale = DEFAULT_LOCALE }: { url: string; title: string; locale?: TLocale }) {
  const t = translatorFor(locale);
  const encodedUrl = encodeURIComponent(url);
  const text = encodeURIComponent(`${title} — ${url}`);
  const links = [
    { label: t("event.shareOn", { service: "WhatsApp" }), href: `https://wa.me/?text=${text}` },
    { label: t("event.shareOn", { service: "Facebook" }), href: `https://www.facebook.com/sharer/sharer.php?u=${encodedUrl}` },
    { label: t("event.shareOn", { service: "X" }), href: `https://x.com/intent/post?url=${encodedUrl}&text=${encodeURIComponent(title)}` },
    { label: t("event.shareOn", { service: "Telegram" }), href: `https://t.me/share/url?url=${encodedUrl}&text=${encodeURIComponent(title)}` },
    { label: t("event.shareByEmail"), href: `mailto:?subject=${encodeURIComponent(title)}&body=${text}` },
  ];
  return (
    <section aria-labelledby="share-heading" className="mt-8">
      <h2 id="share-heading" className="text-lg font-semibold">
        {t("event.share")}
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {links.map((link) => (
          <li key={link.label}>
            <a
              href={link.href}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-block rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100"
            >
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
