import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One chart: a heading, the drawing (hidden from screen readers), and the same numbers as a
 * table. The table is always in the page for screen readers and shows for everyone on request.
 */
export function ChartFigure({
  title,
  summary,
  empty,
  emptyText,
  chart,
  table,
}: {
  title: string;
  /** One sentence with the gist (the biggest value, the total…), read before the table. */
  summary?: string;
  empty: boolean;
  emptyText: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  const { t } = useTranslation('stats');
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  return (
    <section className="stats-chart card" aria-labelledby={`${id}-title`}>
      <div className="stats-chart-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {!empty && (
          <button
            type="button"
            className="stats-table-toggle"
            aria-expanded={showTable}
            aria-controls={`${id}-table`}
            onClick={() => setShowTable((s) => !s)}
          >
            {showTable ? t('chart.hideTable') : t('chart.showTable')}
          </button>
        )}
      </div>
      {empty ? (
        <p className="muted stats-empty">{emptyText}</p>
      ) : (
        <>
          {summary && <p className="muted stats-summary">{summary}</p>}
          <div aria-hidden="true">{chart}</div>
          <div id={`${id}-table`} className={showTable ? 'stats-table' : 'visually-hidden'}>
            {table}
          </div>
        </>
      )}
    </section>
  );
}

export interface BarItem {
  key: string;
  label: ReactNode;
  value: number;
  /** The value as read (“12 h”, “3 titles”). */
  valueText: string;
}

/** Horizontal bars, longest first as given; lengths are relative to the largest value. */
export function HorizontalBars({ items }: { items: BarItem[] }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul className="hbars">
      {items.map((item) => (
        <li key={item.key} className="hbar">
          <span className="hbar-label">{item.label}</span>
          <span className="hbar-track">
            <span className="hbar-fill" style={{ width: `${(item.value / max) * 100}%` }} />
          </span>
          <span className="hbar-value">{item.valueText}</span>
        </li>
      ))}
    </ul>
  );
}

/** A data table for a chart: column headings, one row per bar. */
export function ChartTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} className="num">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
