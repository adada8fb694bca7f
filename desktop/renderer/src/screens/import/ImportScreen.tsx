import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { ErrorMessage } from '../../ui/Status';
import { useFormat } from '../../i18n/format';
import { ImportForm } from './ImportForm';
import { ImportHistory } from './ImportHistory';
import { ImportProgressView } from './ImportProgressView';
import { ImportReportView } from './ImportReportView';
import { ReviewQueue } from './ReviewQueue';
import { MAX_UPLOAD_BYTES, useImportJob } from './useImportJob';
import './import.css';

export default function ImportScreen() {
  const { t } = useTranslation('import');
  const f = useFormat();
  const job = useImportJob();
  return (
    <Page title={t('title')}>
      <p className="muted import-intro">{t('intro')}</p>
      <ImportForm busy={job.busy} onImport={(file, options) => void job.start(file, options)} />
      <div aria-live="polite">
        {job.busy && (
          <ImportProgressView phase={job.phase} progress={job.progress} onCancel={() => void job.cancel()} />
        )}
        {job.phase === 'cancelled' && <p className="import-note card">{t('progress.cancelled')}</p>}
        {job.phase === 'tooLarge' && (
          <p className="error" role="alert">
            {t('form.tooLarge', { size: f.number(MAX_UPLOAD_BYTES / 2 ** 20) })}
          </p>
        )}
      </div>
      <ErrorMessage error={job.error} />
      {job.report && <ImportReportView report={job.report} />}
      <ReviewQueue after={job.report} />
      <ImportHistory after={job.report} />
    </Page>
  );
}
