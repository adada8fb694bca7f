import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchEvent } from '@reelshelf/shared/domain';
import { useAction, useQuery } from '../../core';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, Loading } from '../../ui/Status';
import { LogViewingDialog } from './LogViewingDialog';

/** Every time the person watched the title, newest first; undated viewings after the dated ones. */
export function HistorySection({ titleId }: { titleId: string }) {
  const { t } = useTranslation('title');
  const history = useQuery('watch.list', { titleId, limit: 10_000 }, { refreshOn: ['watch_events'] });
  const [logging, setLogging] = useState(false);
  const viewings = history.data ?? [];
  const rewatches = Math.max(0, viewings.length - 1);

  return (
    <section className="card title-section" aria-labelledby="history-heading">
      <div className="section-header">
        <h2 id="history-heading">{t('history.heading')}</h2>
        <button type="button" className="primary" onClick={() => setLogging(true)}>
          {t('history.log')}
        </button>
      </div>
      {history.error && <ErrorMessage error={history.error} />}
      {!history.data && !history.error && <Loading />}
      {history.data && (
        <p role="status" className="history-summary">
          {viewings.length === 0
            ? t('history.never')
            : rewatches > 0
              ? t('history.summaryRewatched', { count: viewings.length, rewatches })
              : t('history.summary', { count: viewings.length })}
        </p>
      )}
      {viewings.length > 0 && (
        <ol className="viewings" aria-label={t('history.listLabel')}>
          {viewings.map((v) => (
            <Viewing key={v.id} viewing={v} />
          ))}
        </ol>
      )}
      <LogViewingDialog open={logging} titleId={titleId} onClose={() => setLogging(false)} />
    </section>
  );
}

function Viewing({ viewing }: { viewing: WatchEvent }) {
  const { t } = useTranslation('title');
  const format = useFormat();
  const remove = useAction('watch.remove');
  const when = viewing.watchedOn ? format.day(viewing.watchedOn, 'long') : t('history.dateUnknown');
  return (
    <li className="viewing">
      <span className={viewing.watchedOn ? undefined : 'muted'}>{when}</span>
      {viewing.source !== 'manual' && (
        <span className="muted source">{t(`history.source.${viewing.source}`)}</span>
      )}
      <button
        type="button"
        className="link-button danger"
        disabled={remove.busy}
        onClick={() => void remove.run({ id: viewing.id })}
      >
        {t('common:actions.remove')}
        <span className="visually-hidden"> {t('history.viewingOf', { when })}</span>
      </button>
      <ErrorMessage error={remove.error} />
    </li>
  );
}
