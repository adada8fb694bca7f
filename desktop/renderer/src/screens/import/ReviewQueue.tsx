import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnmatchedRow } from '@reelshelf/shared/contracts';
import { useAction, useQuery } from '../../core';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, Loading } from '../../ui/Status';
import { PickTitleDialog } from './PickTitleDialog';

/**
 * Rows no title could be chosen for: the person picks one of the candidates, another title, or drops the row.
 * `after` changes when an import finished here: its rows may come without a 'changed' event.
 */
export function ReviewQueue({ after }: { after?: unknown }) {
  const { t } = useTranslation('import');
  const f = useFormat();
  const queue = useQuery('import.unmatched', { limit: 100 });
  const reloadQueue = queue.reload;
  useEffect(() => {
    if (after) reloadQueue();
  }, [after, reloadQueue]);
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const total = queue.data?.total ?? 0;

  return (
    <section className="import-section" aria-labelledby="import-review-title">
      <h2 id="import-review-title" ref={heading} tabIndex={-1}>
        {t('review.title')}
      </h2>
      <p className="visually-hidden" role="status">
        {message}
      </p>
      <ErrorMessage error={queue.error} />
      {!queue.data && queue.loading && <Loading />}
      {queue.data && total === 0 && <p className="muted">{t('review.empty')}</p>}
      {queue.data && total > 0 && (
        <>
          <p className="muted">
            {t('review.count', { count: total, n: f.number(total) })}
            {total > queue.data.items.length &&
              ` ${t('review.showing', { n: f.number(queue.data.items.length) })}`}
          </p>
          <ul className="import-review-list">
            {queue.data.items.map((row) => (
              <ReviewRow
                key={row.id}
                row={row}
                onDone={(text) => {
                  setMessage(text);
                  queue.reload();
                  // The row and the button that was pressed are gone: keep focus in the queue.
                  heading.current?.focus();
                }}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ReviewRow({ row, onDone }: { row: UnmatchedRow; onDone: (message: string) => void }) {
  const { t } = useTranslation('import');
  const f = useFormat();
  const resolve = useAction('import.resolve');
  const dismiss = useAction('import.dismiss');
  const [picking, setPicking] = useState(false);
  const name = row.title.title ?? t('review.untitled');
  const label = row.title.year ? `${name} (${row.title.year})` : name;

  const use = async (titleId: string, title: string) => {
    setPicking(false);
    if (await resolve.run({ id: row.id, titleId }))
      onDone(t('review.resolved', { title: label, chosen: title }));
  };

  return (
    <li className="import-review-row card">
      <h3>{label}</h3>
      <p className="muted">
        {t('review.where', { file: row.file, line: f.number(row.line) })} · {row.reason}
      </p>
      <details>
        <summary>{t('review.original')}</summary>
        <pre className="import-raw">{JSON.stringify(row.raw, null, 2)}</pre>
      </details>
      {row.candidates.length > 0 ? (
        <>
          <h4>{t('review.candidates')}</h4>
          <ul className="import-candidates">
            {row.candidates.map((c) => {
              const candidate = c.year ? `${c.title} (${c.year})` : c.title;
              return (
                <li key={c.id}>
                  <span>
                    {candidate} <span className="muted">· {t(`common:kind.${c.kind}`)}</span>
                  </span>
                  <button
                    type="button"
                    disabled={resolve.busy}
                    aria-label={t('review.useThisLabel', { title: candidate })}
                    onClick={() => void use(c.id, candidate)}
                  >
                    {t('review.useThis')}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="muted">{t('review.noCandidates')}</p>
      )}
      <div className="import-review-actions">
        <button
          type="button"
          onClick={() => setPicking(true)}
          aria-label={t('review.pickAnotherLabel', { title: label })}
        >
          {t('review.pickAnother')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={dismiss.busy}
          aria-label={t('review.dismissLabel', { title: label })}
          onClick={() =>
            void dismiss.run({ id: row.id }).then((r) => r && onDone(t('review.dismissed', { title: label })))
          }
        >
          {t('review.dismiss')}
        </button>
      </div>
      <ErrorMessage error={resolve.error ?? dismiss.error} />
      {picking && (
        <PickTitleDialog
          open
          initial={row.title.title ?? ''}
          onClose={() => setPicking(false)}
          onPick={(titleId) => void use(titleId, t('review.anotherTitle'))}
        />
      )}
    </li>
  );
}
