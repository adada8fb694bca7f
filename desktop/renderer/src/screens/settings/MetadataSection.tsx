import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetadataStatus } from '@reelshelf/shared/contracts';
import { useAction, useCore, useQuery } from '../../core';
import { useFormat } from '../../i18n/format';
import { ErrorMessage } from '../../ui/Status';
import { SaveStatus, Section } from './Section';

/**
 * Where metadata stands, in words, and the keys, language and region. Keys are write-only:
 * the core never sends them back, and an empty key field means "leave the key as it is".
 */
export function MetadataSection() {
  const { t } = useTranslation('settings');
  const f = useFormat();
  const id = useId();
  const core = useCore();
  const query = useQuery('metadata.status', {});
  const [live, setLive] = useState<MetadataStatus>();
  useEffect(() => core.on('metadata', setLive), [core]);
  const status = live ?? query.data;

  const configure = useAction('metadata.configure');
  const [tmdbKey, setTmdbKey] = useState('');
  const [omdbKey, setOmdbKey] = useState('');
  const [language, setLanguage] = useState<string>();
  const [region, setRegion] = useState<string>();
  const [saved, setSaved] = useState('');

  const save = async (args: Parameters<typeof configure.run>[0], message: string) => {
    setSaved('');
    const next = await configure.run(args);
    if (next) {
      setLive(next);
      setTmdbKey('');
      setOmdbKey('');
      setSaved(message);
    }
  };

  return (
    <Section title={t('metadata.title')} intro={t('metadata.intro')}>
      {status && (
        <div className="settings-state">
          <p>
            <strong>{t(`metadata.state.${status.state}`)}</strong>
            {/* The core's sentence says why a pause happened; for the calm states ours says enough. */}
            {status.message && !['no-key', 'ok', 'working'].includes(status.state) && (
              <span className="muted"> — {status.message}</span>
            )}
          </p>
          <p className="muted">
            {t('metadata.counts', {
              done: f.number(status.done),
              queued: f.number(status.queued),
              notFound: f.number(status.notFound),
              ambiguous: f.number(status.ambiguous),
              failed: f.number(status.failed),
            })}
            {status.retryAt && ` ${t('metadata.retryAt', { when: f.dateTime(status.retryAt) })}`}
          </p>
        </div>
      )}
      <ErrorMessage error={query.error} />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await save(
            {
              ...(tmdbKey.trim() ? { tmdbKey: tmdbKey.trim() } : {}),
              ...(omdbKey.trim() ? { omdbKey: omdbKey.trim() } : {}),
              ...(language !== undefined ? { language: language.trim() } : {}),
              ...(region !== undefined ? { region: region.trim().toUpperCase() } : {}),
            },
            t('metadata.saved'),
          );
        }}
      >
        <div className="field-row">
          <div className="field settings-grow">
            <label htmlFor={`${id}-tmdb`}>{t('metadata.tmdbKey')}</label>
            <input
              id={`${id}-tmdb`}
              type="password"
              autoComplete="off"
              value={tmdbKey}
              onChange={(e) => setTmdbKey(e.target.value)}
              aria-describedby={`${id}-keys-hint`}
            />
          </div>
          <div className="field settings-grow">
            <label htmlFor={`${id}-omdb`}>{t('metadata.omdbKey')}</label>
            <input
              id={`${id}-omdb`}
              type="password"
              autoComplete="off"
              value={omdbKey}
              onChange={(e) => setOmdbKey(e.target.value)}
              aria-describedby={`${id}-keys-hint`}
            />
          </div>
        </div>
        <p id={`${id}-keys-hint`} className="muted settings-hint">
          {t('metadata.keysHint')}
        </p>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('metadata.language')}</label>
            <input
              id={`${id}-language`}
              value={language ?? status?.language ?? ''}
              onChange={(e) => setLanguage(e.target.value)}
              placeholder="en-US"
              size={8}
              aria-describedby={`${id}-language-hint`}
            />
            <span id={`${id}-language-hint`} className="muted settings-hint">
              {t('metadata.languageHint')}
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-region`}>{t('metadata.region')}</label>
            <input
              id={`${id}-region`}
              value={region ?? status?.region ?? ''}
              onChange={(e) => setRegion(e.target.value)}
              placeholder="US"
              size={4}
              aria-describedby={`${id}-region-hint`}
            />
            <span id={`${id}-region-hint`} className="muted settings-hint">
              {t('metadata.regionHint')}
            </span>
          </div>
        </div>
        <div className="settings-buttons">
          <button type="submit" className="primary" disabled={configure.busy}>
            {t('metadata.save')}
          </button>
          <button
            type="button"
            disabled={configure.busy || status?.state === 'no-key'}
            onClick={() => void save({ tmdbKey: null }, t('metadata.keyRemoved'))}
          >
            {t('metadata.removeTmdbKey')}
          </button>
          <button
            type="button"
            disabled={configure.busy}
            onClick={() => void save({ omdbKey: null }, t('metadata.omdbKeyRemoved'))}
          >
            {t('metadata.removeOmdbKey')}
          </button>
        </div>
      </form>
      <ErrorMessage error={configure.error} />
      <SaveStatus text={saved} />
    </Section>
  );
}
