/** "Rp 150.000" (Indonesian thousands separator), "Free" for zero. */
export function formatRupiah(amountIdr: number): string {
  if (amountIdr === 0) return "Free";
  const grouped = Math.round(amountIdr)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `Rp ${grouped}`;
}

/** "USD 3", "USD 3.50" from cents. */
export function formatUsdCents(cents: number): string {
  const whole = cents % 100 === 0;
  return `USD ${whole ? cents / 100 : (cents / 100).toFixed(2)}`;
}
