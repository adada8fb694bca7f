import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';

/** Finds any title in the library by its first letters (catalog.suggest) for an unmatched row. */
export function PickTitleDialog({
  open,
  initial,
  onPick,
  onClose,
}: {
  open: boolean;
  initial: string;
  onPick: (titleId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('import');
  const id = useId();
  const [text, setText] = useState(initial);
  const [debounced, setDebounced] = useState(initial.trim());
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const suggestions = useQuery(
    'catalog.suggest',
    { prefix: debounced || 'a', limit: 12 },
    { enabled: open && debounced.length > 0, refreshOn: ['titles'] },
  );
  const items = debounced ? (suggestions.data ?? []) : [];

  return (
    <Dialog open={open} title={t('review.pickTitle')} onClose={onClose}>
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('review.searchLabel')}</label>
        <input
          id={`${id}-search`}
          type="text"
          autoComplete="off"
          value={text}
          data-autofocus
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-count`}
        />
      </div>
      <p id={`${id}-count`} className="muted" role="status">
        {debounced && !suggestions.loading ? t('review.found', { count: items.length }) : ''}
      </p>
      <ErrorMessage error={suggestions.error} />
      <ul className="import-suggestions">
        {items.map((s) => (
          <li key={s.id}>
            <button type="button" onClick={() => onPick(s.id)}>
              {s.title}
              {s.year !== null && <span className="muted"> ({s.year})</span>}
              <span className="muted"> · {t(`common:kind.${s.kind}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
