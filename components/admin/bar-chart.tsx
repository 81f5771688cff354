/**
 * A bar chart drawn on the server as inline SVG: no chart library, no client
 * JavaScript. Readable without colour and without sight: the SVG has
 * role="img" and an aria-label that sums it up, every bar a <title> with its
 * label and value, the axes carry numbers, and a "Show data" table lists every value.
 */

export type TBar = {
  /** What the bar stands for, e.g. "2026-11-20" or "Week of 2026-11-16 (2026-W47)". */
  label: string;
  value: number;
  /** A short label under the x axis for a few bars (e.g. "20 Nov"); omitted bars get none. */
  tick?: string;
};

type TBarChartProps = {
  /** The accessible summary of the whole chart. */
  summary: string;
  /** Visible caption (what is counted, how). */
  caption: string;
  bars: TBar[];
  /** Column headers of the data table. */
  labelHeader: string;
  valueHeader: string;
  /** "visitor" / "visitors", for the bar titles. */
  unit: [one: string, many: string];
};

const WIDTH = 720;
const HEIGHT = 260;
const MARGIN = { top: 14, right: 12, bottom: 40, left: 52 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

const format = (value: number) => value.toLocaleString("en-US");

/** The top of the value axis: the maximum rounded up to 1, 2 or 5 × 10ⁿ (at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}

export function BarChart({ summary, caption, bars, labelHeader, valueHeader, unit }: TBarChartProps) {
  const top = niceMax(Math.max(0, ...bars.map((bar) => bar.value)));
  const ticks = top % 2 === 0 ? [0, top / 2, top] : [0, top];
  const slot = PLOT_WIDTH / Math.max(1, bars.length);
  const barWidth = Math.max(1, slot * (bars.length > 30 ? 0.75 : 0.65));
  const y = (value: number) => MARGIN.top + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
  const bottom = MARGIN.top + PLOT_HEIGHT;

  return (
    <figure className="mt-3 rounded-lg border border-stone-200 bg-white p-3">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="h-auto w-full text-stone-600" preserveAspectRatio="xMidYMid meet">
        {/* Value axis: gridlines and numbers from 0 to the top. */}
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke="currentColor"
              strokeOpacity={tick === 0 ? 0.8 : 0.2}
              strokeDasharray={tick === 0 ? undefined : "4 4"}
            />
            <text x={MARGIN.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" fontSize={12} fill="currentColor">
              {format(tick)}
            </text>
          </g>
        ))}
        <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={bottom} stroke="currentColor" strokeOpacity={0.8} />
        {bars.map((bar, index) => {
          const x = MARGIN.left + index * slot + (slot - barWidth) / 2;
          const height = bottom - y(bar.value);
          return (
            <rect key={bar.label} x={x} y={bottom - height} width={barWidth} height={height} className="fill-brand-600">
              <title>{`${bar.label}: ${format(bar.value)} ${bar.value === 1 ? unit[0] : unit[1]}`}</title>
            </rect>
          );
        })}
        {/* Category axis: a few labels, the first and last kept inside the frame. */}
        {bars.map((bar, index) => {
          if (!bar.tick) return null;
          const center = MARGIN.left + index * slot + slot / 2;
          const anchor = index === 0 && slot < 40 ? "start" : index === bars.length - 1 && slot < 40 ? "end" : "middle";
          const x = anchor === "start" ? MARGIN.left + index * slot : anchor === "end" ? MARGIN.left + (index + 1) * slot : center;
          return (
            <g key={`tick-${bar.label}`}>
              <line x1={center} x2={center} y1={bottom} y2={bottom + 4} stroke="currentColor" strokeOpacity={0.8} />
              <text x={x} y={bottom + 18} textAnchor={anchor} fontSize={12} fill="currentColor">
                {bar.tick}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 text-sm text-stone-700">{caption}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer underline">Show data</summary>
        <div className="mt-2 max-h-72 overflow-y-auto">
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="p-1">
                  {labelHeader}
                </th>
                <th scope="col" className="p-1 text-right">
                  {valueHeader}
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.label} className="border-b border-stone-100">
                  <th scope="row" className="p-1 font-normal">
                    {bar.label}
                  </th>
                  <td className="p-1 text-right tabular-nums">{format(bar.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
