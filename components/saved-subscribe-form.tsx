import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/**
 * "Get these by email and in your calendar" on /saved: an email field and a button, a plain form (no JavaScript)
 * posting to /saved/subscribe, which turns the browser's saved list (its cookie) into a subscription once the
 * address is confirmed (a mail with a link, valid 24 hours). `error`: the message of a refused address, shown by
 * /subscribe when it gives the form back.
 */
export function SavedSubscribeForm({ locale = DEFAULT_LOCALE, error }: { locale?: TLocale; error?: string }) {
  const t = translatorFor(locale);
  return (
    <section aria-labelledby="saved-subscribe-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
      <h2 id="saved-subscribe-title" className="text-xl font-semibold">
        {t("subscribe.savedFormTitle")}
      </h2>
      <p className="mt-2 text-stone-700">{t("subscribe.savedFormIntro")}</p>
      <form method="post" action={localizedPath(locale, "/saved/subscribe")} className="mt-4">
        <label htmlFor="saved-subscribe-email" className="label">
          {t("subscribe.email")}
        </label>
        {error && (
          <p id="saved-subscribe-error" role="alert" className="mb-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <input
            id="saved-subscribe-email"
            name="email"
            type="email"
            required
            maxLength={254}
            autoComplete="email"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "saved-subscribe-error" : undefined}
            className="field max-w-sm"
          />
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
            {t("subscribe.savedFormButton")}
          </button>
        </div>
      </form>
    </section>
  );
}
