import en from "@/lib/i18n/messages/en.json";
import { formatterFor } from "@/lib/i18n/format";
import type { TLocale } from "@/lib/i18n/languages";
import { translatorFor } from "@/lib/i18n/translator";
import { DAY_LABELS } from "@/lib/series/repeat-form";
import { WEEKDAY_CODES, type TWeekday } from "@/lib/series/repeat-words";
import { COVER_IMAGE_MESSAGES } from "@/lib/images/cover-image-rules";
import { localizedName, type TNamed } from "@/lib/reference/localized-name";
import type { TEventFormReference } from "@/components/event-form";
import { SPOKEN_LANGUAGE_CODES } from "./spoken-languages";
import { eventFormMessage } from "./event-form-messages";
import { spokenLanguageLabel } from "./spoken-language-names";

type TFormWord = keyof typeof en.eventForm;

/**
 * Every word of the event form (components/event-form.tsx) in a language: the server page hands it to the form, a
 * client component, which cannot read the catalogues itself (decision 013).
 */
export type TEventFormText = Record<TFormWord, string> & {
  /** The weekday checkboxes of "On": "Mon" · "Sen" · "пн". */
  dayNames: Record<TWeekday, string>;
  /** "Languages spoken": each code with its name in the page's language, in the list's order. */
  spokenLanguages: { code: string; name: string }[];
  /** The cover image field's refusal in the browser (a file over 5 MB). */
  imageTooLarge: string;
  /** The page's language, for the repeat read-back (lib/series/repeat-words.ts). */
  locale: TLocale;
};

export function eventFormText(locale: TLocale): TEventFormText {
  const t = translatorFor(locale);
  const words = Object.fromEntries((Object.keys(en.eventForm) as TFormWord[]).map((key) => [key, t(`eventForm.${key}`)])) as Record<TFormWord, string>;
  const weekdays = formatterFor(locale).weekdays();
  return {
    ...words,
    dayNames: Object.fromEntries(
      WEEKDAY_CODES.map((code, index) => [code, locale === "en" ? DAY_LABELS[code] : (weekdays[index]?.short ?? DAY_LABELS[code])]),
    ) as Record<TWeekday, string>,
    spokenLanguages: SPOKEN_LANGUAGE_CODES.map((code) => ({ code, name: spokenLanguageLabel(locale, code) })),
    imageTooLarge: eventFormMessage(locale, COVER_IMAGE_MESSAGES.tooLarge),
    locale,
  };
}

type TNamedOption = TNamed & { slug: string };

/** The form's choices (locations, event types, …) named in the page's language (localizedName), English where not translated. */
export function localizedReference(
  reference: { locations: TNamedOption[]; eventTypes: TNamedOption[]; entranceTypes: TNamedOption[]; participantGroups: TNamedOption[] },
  locale: TLocale,
): TEventFormReference {
  const named = (items: TNamedOption[]) => items.map((item) => ({ name: localizedName(item, locale), slug: item.slug }));
  return {
    locations: named(reference.locations),
    eventTypes: named(reference.eventTypes),
    entranceTypes: named(reference.entranceTypes),
    participantGroups: named(reference.participantGroups),
  };
}
