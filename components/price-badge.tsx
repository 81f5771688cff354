import { formatRupiah } from "@/lib/format/money";

export function PriceBadge({ amountIdr }: { amountIdr: number }) {
  return <span className={amountIdr === 0 ? "tag tag-free" : "tag"}>{formatRupiah(amountIdr)}</span>;
}
