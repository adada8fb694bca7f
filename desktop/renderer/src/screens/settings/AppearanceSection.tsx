import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../core';
import { applyTheme, savedTheme, type Theme } from '../../app/theme';
import { changeLanguage, savedLanguage, type Language } from '../../i18n';
import { ErrorMessage } from '../../ui/Status';
import { SaveStatus, Section } from './Section';

/** Each language under its own name, so a person who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  ja: '日本語',
};

/**
 * Language and theme take effect the moment they are picked (no Save button, no restart); the
 * page keeps its own copy for the next start and the core remembers it through settings.update.
 */
export function AppearanceSection() {
  const { t } = useTranslation('settings');
  const id = useId();
  const [language, setLanguage] = useState<Language | ''>(savedLanguage() ?? '');
  const [theme, setTheme] = useState<Theme>(savedTheme());
  // What was saved, not the sentence: the sentence is rendered in the language now shown.
  const [saved, setSaved] = useState<'language' | 'theme'>();
  const update = useAction('settings.update');

  return (
    <Section title={t('appearance.title')}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('appearance.language')}</label>
          <select
            id={`${id}-language`}
            value={language}
            onChange={async (e) => {
              const next = (e.target.value || null) as Language | null;
              setLanguage(next ?? '');
              await changeLanguage(next);
              if (await update.run({ language: next })) setSaved('language');
            }}
          >
            <option value="">{t('appearance.system')}</option>
            {(Object.keys(LANGUAGE_NAMES) as Language[]).map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-theme`}>{t('appearance.theme')}</label>
          <select
            id={`${id}-theme`}
            value={theme}
            onChange={async (e) => {
              const next = e.target.value as Theme;
              setTheme(next);
              applyTheme(next);
              if (await update.run({ theme: next })) setSaved('theme');
            }}
          >
            <option value="system">{t('appearance.themeSystem')}</option>
            <option value="light">{t('appearance.themeLight')}</option>
            <option value="dark">{t('appearance.themeDark')}</option>
          </select>
        </div>
      </div>
      <ErrorMessage error={update.error} />
      <SaveStatus
        text={
          saved === 'language'
            ? t('appearance.languageSaved')
            : saved === 'theme'
              ? t('appearance.themeSaved')
              : ''
        }
      />
    </Section>
  );
}
