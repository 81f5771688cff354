import { formatRupiah } from "@/lib/format/money";

export function PriceBadge({ amountIdr }: { amountIdr: number }) {
  const free = amountIdr === 0;
  return (
    <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${free ? "bg-green-100 text-green-800" : "bg-stone-100 text-stone-800"}`}>
      {formatRupiah(amountIdr)}
    </span>
  );
}
