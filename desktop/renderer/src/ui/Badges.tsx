import { useTranslation } from 'react-i18next';

/** Owned / watched markers on posters and rows: a word for screen readers, a symbol for the eye. */
export function Badges({ formats, watchCount }: { formats: string[]; watchCount: number }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {formats.length > 0 && (
        <span className="badge badge-owned" title={t('badge.owned')}>
          <span aria-hidden="true">●</span>
          <span className="visually-hidden">{t('badge.owned')}</span>
        </span>
      )}
      {watchCount > 0 && (
        <span className="badge badge-watched" title={t('badge.watched', { count: watchCount })}>
          <span aria-hidden="true">✓</span>
          <span className="visually-hidden">{t('badge.watched', { count: watchCount })}</span>
        </span>
      )}
    </span>
  );
}
