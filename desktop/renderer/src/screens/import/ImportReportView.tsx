import { useTranslation } from 'react-i18next';
import type { ImportReport } from '@reelshelf/shared/contracts';
import { useFormat } from '../../i18n/format';

const COUNTS = ['created', 'updated', 'unchanged', 'unmatched', 'rejected'] as const;

/** What the import did: counts as text, then every rejected row and skipped file. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation('import');
  const f = useFormat();
  return (
    <section className="import-report card" aria-labelledby="import-report-title">
      <h2 id="import-report-title">{report.dryRun ? t('report.titleDryRun') : t('report.title')}</h2>
      <p className="muted">
        {t('report.source', {
          source: report.source,
          format: t(`formats.${report.format}`),
          rows: f.number(report.rows.read),
          count: report.rows.read,
        })}
      </p>
      {report.dryRun && <p className="import-dry-note">{t('report.dryRunNote')}</p>}
      <dl className="import-counts">
        {COUNTS.map((key) => (
          <div key={key} className={`import-count import-count-${key}`}>
            <dt>{t(`report.${key}`)}</dt>
            <dd>{f.number(report.rows[key])}</dd>
          </div>
        ))}
      </dl>
      {report.rejected.length > 0 && (
        <div className="import-table-wrap">
          <table className="import-table">
            <caption>{t('report.rejectedRows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.file')}</th>
                <th scope="col" className="num">
                  {t('report.line')}
                </th>
                <th scope="col">{t('report.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((r) => (
                <tr key={`${r.file}:${r.line}:${r.reason}`}>
                  <td>{r.file}</td>
                  <td className="num">{f.number(r.line)}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.skippedFiles.length > 0 && (
        <>
          <h3>{t('report.skippedFiles')}</h3>
          <ul className="import-skipped">
            {report.skippedFiles.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
