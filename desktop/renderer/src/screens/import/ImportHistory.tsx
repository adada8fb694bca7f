import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../core';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, Loading } from '../../ui/Status';

/**
 * Past imports, newest first, with what each did.
 * `after` changes when an import finished here: its rows may come without a 'changed' event.
 */
export function ImportHistory({ after }: { after?: unknown }) {
  const { t } = useTranslation('import');
  const f = useFormat();
  const history = useQuery('import.history', { limit: 20 });
  const reloadHistory = history.reload;
  useEffect(() => {
    if (after) reloadHistory();
  }, [after, reloadHistory]);
  return (
    <section className="import-section" aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t('history.title')}</h2>
      <ErrorMessage error={history.error} />
      {!history.data && history.loading && <Loading />}
      {history.data?.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {history.data && history.data.length > 0 && (
        <div className="import-table-wrap">
          <table className="import-table">
            <thead>
              <tr>
                <th scope="col">{t('history.when')}</th>
                <th scope="col">{t('history.file')}</th>
                <th scope="col">{t('history.format')}</th>
                <th scope="col" className="num">
                  {t('report.created')}
                </th>
                <th scope="col" className="num">
                  {t('report.updated')}
                </th>
                <th scope="col" className="num">
                  {t('report.unchanged')}
                </th>
                <th scope="col" className="num">
                  {t('report.unmatched')}
                </th>
                <th scope="col" className="num">
                  {t('report.rejected')}
                </th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((h) => (
                <tr key={h.id}>
                  <td>{f.dateTime(h.startedAt)}</td>
                  <td className="import-source">{h.source}</td>
                  <td>{t(`formats.${h.format}`)}</td>
                  <td className="num">{f.number(h.rows.created)}</td>
                  <td className="num">{f.number(h.rows.updated)}</td>
                  <td className="num">{f.number(h.rows.unchanged)}</td>
                  <td className="num">{f.number(h.rows.unmatched)}</td>
                  <td className="num">{f.number(h.rows.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
