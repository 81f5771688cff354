import { DEFAULT_LOCALE, localizedPath, type TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";

/** What the form asks for: new events of a listing query (its canonical query, lib/subscriptions/alert-target.ts), or of an organiser. */
export type TAlertFormTarget = { kind: "query"; query: string } | { kind: "creator"; creatorId: string; name: string };

/**
 * "Email me new events like these" under the listing, "Email me when <name> posts" on an organiser's page: an email
 * field and a button, a plain form (no JavaScript) posting to /subscribe/alert, which mails a confirmation link.
 * The same markup for every visitor (these pages are served from the page cache and the light render path), and
 * small: the short class names of app/globals.css.
 */
export function AlertForm({ target, locale = DEFAULT_LOCALE, error }: { target: TAlertFormTarget; locale?: TLocale; error?: string }) {
  const t = translatorFor(locale);
  const id = target.kind === "query" ? "alert-email" : "creator-alert-email";
  return (
    <form method="post" action={localizedPath(locale, "/subscribe/alert")} className="mt-10 rounded-lg border border-stone-200 bg-white p-4">
      {target.kind === "query" ? <input type="hidden" name="query" value={target.query} /> : <input type="hidden" name="creator" value={target.creatorId} />}
      <label htmlFor={id} className="label">
        {t("subscribe.email")}
      </label>
      {error && (
        <p id={`${id}-error`} role="alert" className="mb-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          name="email"
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="field max-w-sm"
        />
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          {target.kind === "query" ? t("subscribe.queryAlertButton") : t("subscribe.creatorAlertButton", { name: target.name })}
        </button>
      </div>
      <p className="mt-2 text-sm text-stone-600">{t("subscribe.alertHint")}</p>
    </form>
  );
}
