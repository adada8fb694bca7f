import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanReport } from '@reelshelf/shared/contracts';
import { asCoreError, useAction, useCore, useQuery } from '../../core';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, Loading } from '../../ui/Status';
import type { CoreError } from '@reelshelf/shared/contracts/errors';
import { SaveStatus, Section } from './Section';

/** Library folders: the list, add by typed path (the page cannot open a folder picker), remove, scan. */
export function FoldersSection() {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const id = useId();
  const folders = useQuery('scan.folders', {});
  const add = useAction('scan.addFolder');
  const remove = useAction('scan.removeFolder');
  const [path, setPath] = useState('');
  const [status, setStatus] = useState('');

  return (
    <Section title={t('folders.title')} intro={t('folders.intro')}>
      <ErrorMessage error={folders.error} />
      {!folders.data && folders.loading && <Loading />}
      {folders.data?.length === 0 && <p className="muted">{t('folders.none')}</p>}
      {folders.data && folders.data.length > 0 && (
        <ul className="settings-folders">
          {folders.data.map((folder) => (
            <li key={folder.id}>
              <div>
                <code className="settings-path">{folder.path}</code>
                <span className="muted settings-folder-facts">
                  {t('folders.files', { count: folder.files, n: f.number(folder.files) })}
                  {folder.unmatched > 0 &&
                    ` · ${t('folders.unmatched', { count: folder.unmatched, n: f.number(folder.unmatched) })}`}
                  {' · '}
                  {folder.lastScanAt
                    ? t('folders.lastScan', { when: f.dateTime(folder.lastScanAt) })
                    : t('folders.neverScanned')}
                </span>
              </div>
              <button
                type="button"
                className="danger"
                disabled={remove.busy}
                aria-label={t('folders.removeLabel', { path: folder.path })}
                onClick={async () => {
                  const done = await remove.run({ path: folder.path });
                  if (done) {
                    setStatus(t('folders.removed', { path: folder.path }));
                    folders.reload();
                  }
                }}
              >
                {t('common:actions.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={remove.error} />
      <form
        className="field-row"
        onSubmit={async (e) => {
          e.preventDefault();
          const added = await add.run({ path });
          if (added) {
            setStatus(t('folders.added', { path: added.path }));
            setPath('');
            folders.reload();
          }
        }}
      >
        <div className="field settings-grow">
          <label htmlFor={`${id}-path`}>{t('folders.path')}</label>
          <input
            id={`${id}-path`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={t('folders.pathPlaceholder')}
            spellCheck={false}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="field-button" disabled={add.busy || !path.trim()}>
          {t('folders.add')}
        </button>
      </form>
      <ErrorMessage error={add.error} />
      <SaveStatus text={status} />
      <ScanNow disabled={!folders.data?.length} onDone={folders.reload} />
      <ScanProblems />
    </Section>
  );
}

/** Scan every folder now, with the core's progress and a cancel that leaves the library untouched. */
function ScanNow({ disabled, onDone }: { disabled: boolean; onDone: () => void }) {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const core = useCore();
  const [jobId, setJobId] = useState<string>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [report, setReport] = useState<ScanReport>();
  const [error, setError] = useState<CoreError>();
  const [cancelled, setCancelled] = useState(false);
  const running = useRef(false);

  useEffect(
    () =>
      core.on('progress', (p) => {
        if (running.current && p.task === 'scan') setProgress({ done: p.done, total: p.total });
      }),
    [core],
  );

  const scan = async () => {
    const id = crypto.randomUUID();
    running.current = true;
    setJobId(id);
    setProgress(undefined);
    setReport(undefined);
    setError(undefined);
    setCancelled(false);
    try {
      setReport(await core.call('scan.run', { jobId: id }));
      onDone();
    } catch (e) {
      const err = asCoreError(e);
      if (err.code === 'cancelled') setCancelled(true);
      else setError(err);
    } finally {
      running.current = false;
      setJobId(undefined);
    }
  };

  const text = !progress
    ? t('scan.starting')
    : progress.total > 0
      ? t('scan.progress', { percent: f.number(progress.done / progress.total, { style: 'percent' }) })
      : t('scan.found', { n: f.number(progress.done) });

  return (
    <div className="settings-scan">
      <h3>{t('scan.title')}</h3>
      {jobId ? (
        <div className="settings-progress">
          <progress
            aria-label={t('scan.label')}
            aria-valuetext={text}
            {...(progress && progress.total > 0 ? { value: progress.done, max: progress.total } : {})}
          />
          <span>{text}</span>
          <button
            type="button"
            onClick={() => void core.call('jobs.cancel', { jobId }).catch(() => undefined)}
          >
            {t('scan.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="primary" disabled={disabled} onClick={() => void scan()}>
          {t('scan.now')}
        </button>
      )}
      <ErrorMessage error={error} />
      <div role="status">
        {cancelled && <p>{t('scan.cancelled')}</p>}
        {report && (
          <p>
            {t('scan.report', {
              seen: f.number(report.filesSeen),
              new: f.number(report.new),
              changed: f.number(report.changed),
              missing: f.number(report.missing),
              unmatched: f.number(report.unmatched.length),
              titles: f.number(report.titlesCreated),
            })}
          </p>
        )}
      </div>
    </div>
  );
}

/** Files the scans found but could not tie to a title, and why. */
function ScanProblems() {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const problems = useQuery('scan.problems', { limit: 200 });
  if (!problems.data || problems.data.total === 0) return <ErrorMessage error={problems.error} />;
  return (
    <details className="settings-problems">
      <summary>
        {t('scan.problems', { count: problems.data.total, n: f.number(problems.data.total) })}
      </summary>
      <ul>
        {problems.data.items.map((p) => (
          <li key={p.path}>
            <code className="settings-path">{p.path}</code>
            <span className="muted"> — {p.reason}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
