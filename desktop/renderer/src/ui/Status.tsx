import { useTranslation } from 'react-i18next';
import type { CoreError } from '@reelshelf/shared/contracts/errors';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" aria-live="polite">
      {label ?? t('loading')}
    </p>
  );
}

/** A core error as a person reads it: the sentence, then each field that was wrong. */
export function ErrorMessage({ error }: { error: CoreError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {/* The core's sentence repeats the fields; the list reads better. */}
      <p>{error.issues.length > 0 ? t('error.fields') : error.message || t('error.generic')}</p>
      {error.issues.length > 0 && (
        <ul>
          {error.issues.map((issue) => (
            <li key={`${issue.field}:${issue.message}`}>
              <code>{issue.field}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}
