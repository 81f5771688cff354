import { localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * "Save": a plain form (no JavaScript) posting the event's slug to /saved/add, which keeps it in the visitor's saved
 * list (a cookie) and lands on /saved. The same markup for every visitor, so the page around it stays cacheable.
 */
export function SaveButton({ slug, locale, className = "save" }: { slug: string; locale: TLocale; className?: string }) {
  return (
    <form method="post" action={localizedPath(locale, "/saved/add")} className={className}>
      <input type="hidden" name="event" value={slug} />
      <button type="submit">{translatorFor(locale)("saved.save")}</button>
    </form>
  );
}
