import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { ImportPhase, ImportProgress } from './useImportJob';

/** A progress bar with the same in words; indeterminate while the total is not known yet. */
export function ImportProgressView({
  phase,
  progress,
  onCancel,
}: {
  phase: ImportPhase;
  progress: ImportProgress | undefined;
  onCancel: () => void;
}) {
  const { t } = useTranslation('import');
  const f = useFormat();
  const known = phase === 'importing' && progress && progress.task === 'import' && progress.total > 0;
  const text =
    phase === 'reading'
      ? t('progress.uploading')
      : known
        ? t('progress.writing', { percent: f.number(progress.done / progress.total, { style: 'percent' }) })
        : progress?.task === 'import.read'
          ? t('progress.reading', { rows: f.number(progress.done) })
          : t('progress.started');
  return (
    <div className="import-progress card">
      <progress
        aria-label={t('progress.label')}
        aria-valuetext={text}
        {...(known ? { value: progress.done, max: progress.total } : {})}
      />
      <p role="status" className="import-progress-text">
        {text}
      </p>
      <button type="button" onClick={onCancel}>
        {t('progress.cancel')}
      </button>
    </div>
  );
}
