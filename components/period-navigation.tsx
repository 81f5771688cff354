/** "Previous week" / "Next week" (or month); a link is left out at the edge of what the calendar covers. */
export function PeriodNavigation({
  previous,
  next,
  previousLabel,
  nextLabel,
  label = "Pages of the calendar",
}: {
  previous: string | null;
  next: string | null;
  previousLabel: string;
  nextLabel: string;
  /** The navigation's name for assistive technology, in the page's language. */
  label?: string;
}) {
  return (
    <nav aria-label={label} className="mt-6 flex justify-between gap-4 text-sm font-medium">
      {previous ? (
        <a href={previous} rel="prev" className="rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-100">
          <span aria-hidden="true">← </span>
          {previousLabel}
        </a>
      ) : (
        <span />
      )}
      {next && (
        <a href={next} rel="next" className="rounded-md border border-stone-300 px-3 py-1.5 hover:bg-stone-100">
          {nextLabel}
          <span aria-hidden="true"> →</span>
        </a>
      )}
    </nav>
  );
}
