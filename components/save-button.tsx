import { localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/** The id of the page's one Save form (SaveForm, in the header), which every Save button submits. */
const SAVE_FORM_ID = "save-event";

/**
 * The page's one Save form: a plain POST to /saved/add (no JavaScript), in the site header of every page. Each Save
 * button belongs to it through its `form` attribute and sends its event's slug as `event`, so a listing of 24 cards
 * carries one form and 24 short buttons instead of 24 forms. The same markup for every visitor: the page stays cacheable.
 */
export function SaveForm({ locale }: { locale: TLocale }) {
  return <form id={SAVE_FORM_ID} method="post" action={localizedPath(locale, "/saved/add")} hidden />;
}

/** "Save": keeps the event in the visitor's saved list (a cookie) and lands on /saved. */
export function SaveButton({ slug, locale, className = "save" }: { slug: string; locale: TLocale; className?: string }) {
  return (
    <button form={SAVE_FORM_ID} name="event" value={slug} className={className}>
      {translatorFor(locale)("saved.save")}
    </button>
  );
}
