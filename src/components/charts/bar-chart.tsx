// A horizontal bar chart rendered on the server as SVG, with the same numbers as a table for
// screen readers and for anyone who wants the exact figures. Colours follow the text colour, so
// the chart reads in light and dark themes.
export interface Bar {
  label: string;
  value: number;
}

export function BarChart({ title, bars, unit, id }: { title: string; bars: Bar[]; unit: string; id: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 26;
  const labelWidth = 150;
  const width = 560;
  const barWidth = width - labelWidth - 70;
  const height = bars.length * rowHeight + 4;
  return (
    <figure className="mt-3" data-chart={id}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="w-full max-w-2xl text-stone-700 dark:text-stone-300"
      >
        <title id={`${id}-title`}>{title}</title>
        {bars.map((bar, index) => {
          const y = index * rowHeight + 2;
          const w = (bar.value / max) * barWidth;
          return (
            <g key={bar.label} data-bar={bar.label} data-value={bar.value}>
              <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="fill-current text-[12px]">
                {bar.label.length > 12 ? `${bar.label.slice(0, 12)}…` : bar.label}
              </text>
              <rect
                x={labelWidth}
                y={y + 4}
                width={Math.max(w, bar.value > 0 ? 2 : 0)}
                height={rowHeight - 10}
                rx={3}
                className="fill-sky-600 dark:fill-sky-400"
              />
              <text x={labelWidth + w + 6} y={y + 16} className="fill-current text-[11px]">
                {bar.value.toLocaleString("zh-CN")}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-stone-500 dark:text-stone-400">{title}</figcaption>
      <details className="mt-1 text-xs">
        <summary className="text-stone-500 underline underline-offset-2 dark:text-stone-400">数据表</summary>
        <table className="mt-1 border-collapse" data-chart-table={id}>
          <thead>
            <tr>
              <th scope="col" className="border-b border-stone-300 px-2 py-1 text-left dark:border-stone-700">
                项目
              </th>
              <th scope="col" className="border-b border-stone-300 px-2 py-1 text-right dark:border-stone-700">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row" className="px-2 py-0.5 text-left font-normal">
                  {bar.label}
                </th>
                <td className="px-2 py-0.5 text-right tabular-nums">{bar.value.toLocaleString("zh-CN")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
