// A horizontal bar chart rendered on the server as SVG, with a legend and the same numbers as a
// table for screen readers and for anyone who wants the exact figures. Colours follow the text
// colour, so the chart reads in light and dark themes.
import { useFormatter, useTranslations } from "next-intl";

export interface Bar {
  label: string;
  value: number;
}

export function BarChart({
  title,
  bars,
  unit,
  id,
  labelLang,
}: {
  title: string;
  bars: Bar[];
  unit: string;
  id: string;
  /** The language of the bar labels when they are content (chapter titles). */
  labelLang?: string;
}) {
  const t = useTranslations("Chart");
  const format = useFormatter();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 26;
  const labelWidth = 150;
  const width = 560;
  const barWidth = width - labelWidth - 70;
  const height = bars.length * rowHeight + 4;
  return (
    <figure className="chart mt-3" data-chart={id}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title`}
        className="w-full max-w-2xl text-stone-800 dark:text-stone-200"
      >
        <title id={`${id}-title`}>{title}</title>
        {bars.map((bar, index) => {
          const y = index * rowHeight + 2;
          const w = (bar.value / max) * barWidth;
          return (
            <g key={bar.label} data-bar={bar.label} data-value={bar.value}>
              <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="fill-current text-[12px]" lang={labelLang}>
                {bar.label.length > 12 ? `${bar.label.slice(0, 12)}…` : bar.label}
              </text>
              <rect
                x={labelWidth}
                y={y + 4}
                width={Math.max(w, bar.value > 0 ? 2 : 0)}
                height={rowHeight - 10}
                rx={3}
                className="fill-sky-700 dark:fill-sky-400"
              />
              <text x={labelWidth + w + 6} y={y + 16} className="fill-current text-[11px]">
                {format.number(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-xs text-stone-600 dark:text-stone-400">
        {title}
        <span className="ml-3 inline-flex items-center gap-1" data-chart-legend>
          <span className="sr-only">{t("legend")}: </span>
          <span aria-hidden="true" className="inline-block h-2.5 w-5 rounded-sm bg-sky-700 dark:bg-sky-400" />
          {t("legendBar", { unit })}
        </span>
      </figcaption>
      <details className="chart-table mt-1 text-xs">
        <summary className="text-stone-700 underline underline-offset-2 dark:text-stone-300">{t("table")}</summary>
        <table className="mt-1 border-collapse" data-chart-table={id}>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="border-b border-stone-300 px-2 py-1 text-left dark:border-stone-700">
                {t("item")}
              </th>
              <th scope="col" className="border-b border-stone-300 px-2 py-1 text-right dark:border-stone-700">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row" className="px-2 py-0.5 text-left font-normal" lang={labelLang}>
                  {bar.label}
                </th>
                <td className="px-2 py-0.5 text-right tabular-nums">{format.number(bar.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
