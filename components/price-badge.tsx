import { formatterFor } from "@/lib/i18n/format";
import { DEFAULT_LOCALE, type TLocale } from "@/lib/i18n/languages";

export function PriceBadge({ amountIdr, locale = DEFAULT_LOCALE }: { amountIdr: number; locale?: TLocale }) {
  return <span className={amountIdr === 0 ? "tag tag-free" : "tag"}>{formatterFor(locale).rupiah(amountIdr)}</span>;
}
