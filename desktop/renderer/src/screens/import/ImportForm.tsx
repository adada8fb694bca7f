import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFormat } from '@reelshelf/shared/contracts';

/** The formats import.run knows (shared/contracts/import.ts IMPORT_FORMATS), in the order people look for them. */
const FORMATS: readonly ImportFormat[] = ['letterboxd', 'imdb', 'trakt', 'nfo', 'csv', 'backup'];
const ACCEPT = '.zip,.csv,.json,.nfo,.xml';

/** Pick a file, optionally say what it is, optionally only try; the file stays picked after an error. */
export function ImportForm({
  busy,
  onImport,
}: {
  busy: boolean;
  onImport: (file: File, options: { format?: ImportFormat; dryRun: boolean }) => void;
}) {
  const { t } = useTranslation('import');
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [dryRun, setDryRun] = useState(false);

  return (
    <form
      className="import-form card"
      onSubmit={(e) => {
        e.preventDefault();
        if (file) onImport(file, { dryRun, ...(format ? { format } : {}) });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('form.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={ACCEPT}
          aria-describedby={`${id}-file-hint`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <span id={`${id}-file-hint`} className="muted import-hint">
          {t('form.fileHint')}
        </span>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-format`}>{t('form.format')}</label>
          <select
            id={`${id}-format`}
            value={format}
            onChange={(e) => setFormat(e.target.value as ImportFormat | '')}
          >
            <option value="">{t('form.formatAuto')}</option>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`formats.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field import-dry-run">
          <label>
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />{' '}
            {t('form.dryRun')}
          </label>
          <span className="muted import-hint">{t('form.dryRunHint')}</span>
        </div>
      </div>
      <button type="submit" className="primary" disabled={busy || !file}>
        {dryRun ? t('form.tryImport') : t('form.import')}
      </button>
    </form>
  );
}
