// No "server-only": the light render path (server.mjs) renders cards too.
import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";
import { describeRepeat } from "@/lib/series/repeat-words";
import type { TEventCard } from "./event-card";

/** A card's repeat line in a language: "Every Tue and Thu", "Setiap Selasa dan Kamis", "По вторникам и четвергам". */
export function cardRepeats(card: Pick<TEventCard, "repeats" | "repeatRule">, locale: TLocale): string | null {
  if (locale === DEFAULT_LOCALE || !card.repeatRule) return card.repeats;
  return describeRepeat(card.repeatRule.rule, card.repeatRule.start, { locale });
}
