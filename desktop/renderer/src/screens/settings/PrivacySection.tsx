import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction, useQuery } from '../../core';
import { ErrorMessage } from '../../ui/Status';
import { SaveStatus, Section } from './Section';

/** The one sharing choice: off unless the person turns it on, explained before the switch. */
export function PrivacySection() {
  const { t } = useTranslation('settings');
  const settings = useQuery('settings.get', {}, { refreshOn: ['settings'] });
  const update = useAction('settings.update');
  const [status, setStatus] = useState('');
  // The box follows the click at once; it falls back to the core's value if saving fails.
  const [chosen, setChosen] = useState<boolean>();
  const on = chosen ?? settings.data?.contributeInteractions ?? false;

  return (
    <Section title={t('privacy.title')}>
      <p>{t('privacy.what')}</p>
      <p>{t('privacy.never')}</p>
      <p className="muted">{t('privacy.default')}</p>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={on}
          disabled={!settings.data}
          onChange={async (e) => {
            const next = e.target.checked;
            setChosen(next);
            setStatus('');
            const saved = await update.run({ contributeInteractions: next });
            setChosen(saved ? saved.contributeInteractions : undefined);
            if (saved) setStatus(saved.contributeInteractions ? t('privacy.savedOn') : t('privacy.savedOff'));
          }}
        />
        {t('privacy.contribute')}
      </label>
      <ErrorMessage error={settings.error ?? update.error} />
      <SaveStatus text={status} />
    </Section>
  );
}

/** Sharing with a TV does not exist yet: the switch is there, off and disabled, so nobody expects it. */
export function TvSection() {
  const { t } = useTranslation('settings');
  return (
    <Section title={t('tv.title')}>
      <label className="settings-check">
        <input
          type="checkbox"
          role="switch"
          checked={false}
          disabled
          aria-describedby="settings-tv-later"
          readOnly
        />
        {t('tv.share')}
      </label>
      <p id="settings-tv-later" className="muted">
        {t('tv.later')}
      </p>
    </Section>
  );
}
