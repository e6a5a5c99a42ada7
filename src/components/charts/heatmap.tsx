// A grid of counts (rows × columns) as server-rendered SVG, cell shade by value, with a legend and
// a table equivalent. Used for chapter × speaker and chapter × topic overviews.
import { useFormatter, useTranslations } from "next-intl";

export function Heatmap({
  id,
  title,
  rows,
  columns,
  values,
  unit,
  highlightColumn,
}: {
  id: string;
  title: string;
  rows: string[];
  columns: string[];
  values: number[][];
  unit: string;
  highlightColumn?: number;
}) {
  const t = useTranslations("Chart");
  const format = useFormatter();
  const max = Math.max(1, ...values.flat());
  const cell = 30;
  const labelWidth = 80;
  const headerHeight = 90;
  const width = labelWidth + columns.length * cell + 4;
  const height = headerHeight + rows.length * cell + 4;
  const swatch = "inline-block h-3 w-4 rounded-sm";
  return (
    <figure className="chart mt-3 overflow-x-auto" data-chart={id}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-title`}
        className="text-stone-800 dark:text-stone-200"
      >
        <title id={`${id}-title`}>{title}</title>
        {columns.map((column, c) => (
          <text
            key={column}
            transform={`translate(${labelWidth + c * cell + cell / 2 + 4}, ${headerHeight - 6}) rotate(-60)`}
            className={`fill-current text-[11px] ${c === highlightColumn ? "font-bold" : ""}`}
          >
            {column.length > 14 ? `${column.slice(0, 14)}…` : column}
          </text>
        ))}
        {rows.map((row, r) => (
          <g key={row}>
            <text x={labelWidth - 6} y={headerHeight + r * cell + cell / 2 + 4} textAnchor="end" className="fill-current text-[11px]">
              {row}
            </text>
            {columns.map((column, c) => {
              const value = values[r]?.[c] ?? 0;
              return (
                <rect
                  key={column}
                  data-cell={`${r}:${c}`}
                  data-value={value}
                  x={labelWidth + c * cell + 1}
                  y={headerHeight + r * cell + 1}
                  width={cell - 2}
                  height={cell - 2}
                  rx={3}
                  className={value === 0 ? "fill-stone-200 dark:fill-stone-800" : "fill-amber-600 dark:fill-amber-400"}
                  fillOpacity={value === 0 ? 1 : 0.2 + 0.8 * (value / max)}
                  stroke={c === highlightColumn ? "currentColor" : undefined}
                >
                  <title>{`${row} · ${column}: ${format.number(value)} ${unit}`}</title>
                </rect>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="text-xs text-stone-600 dark:text-stone-400">
        {title}
        <span className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1" data-chart-legend>
          <span className="sr-only">{t("legend")}: </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className={`${swatch} bg-stone-200 dark:bg-stone-800`} />
            {t("legendZero")}
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className={`${swatch} bg-amber-600/30 dark:bg-amber-400/30`} />
            {t("legendLow")}
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className={`${swatch} bg-amber-600 dark:bg-amber-400`} />
            {t("legendHigh", { max: format.number(max) })} {unit}
          </span>
          {highlightColumn !== undefined && (
            <span className="inline-flex items-center gap-1">
              <span aria-hidden="true" className={`${swatch} border-2 border-current`} />
              {t("legendHighlight")}
            </span>
          )}
        </span>
      </figcaption>
      <details className="chart-table mt-1 text-xs">
        <summary className="text-stone-700 underline underline-offset-2 dark:text-stone-300">{t("table")}</summary>
        <table className="mt-1 border-collapse" data-chart-table={id}>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <td className="px-2 py-1" />
              {columns.map((column) => (
                <th key={column} scope="col" className="border-b border-stone-300 px-2 py-1 text-right dark:border-stone-700">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={row}>
                <th scope="row" className="px-2 py-0.5 text-left font-normal">
                  {row}
                </th>
                {columns.map((column, c) => (
                  <td key={column} className="px-2 py-0.5 text-right tabular-nums">
                    {format.number(values[r]?.[c] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
