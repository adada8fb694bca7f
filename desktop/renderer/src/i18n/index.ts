import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['en', 'de', 'es', 'fr', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every `locales/<language>/<namespace>.json`, bundled; a screen owns its namespace. */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
  eager: true,
  import: 'default',
});

export function resources(): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, data] of Object.entries(files)) {
    const [, language, namespace] = /\.\/locales\/(\w+)\/([\w-]+)\.json$/.exec(path)!;
    (out[language!] ??= {})[namespace!] = data;
  }
  return out;
}

/** The system's language when we have it, else English. */
export function systemLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0] as Language;
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

const STORAGE_KEY = 'reelshelf.language';

export function savedLanguage(): Language | null {
  const saved = localStorage.getItem(STORAGE_KEY);
  return LANGUAGES.includes(saved as Language) ? (saved as Language) : null;
}

export async function setupI18n(): Promise<i18n> {
  await i18next.use(initReactI18next).init({
    resources: resources(),
    lng: savedLanguage() ?? systemLanguage(),
    fallbackLng: 'en',
    defaultNS: 'common',
    ns: Object.keys(resources().en ?? {}),
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18next;
}

/** Switches at once, no restart; `null` follows the system again. */
export async function changeLanguage(language: Language | null): Promise<void> {
  if (language) localStorage.setItem(STORAGE_KEY, language);
  else localStorage.removeItem(STORAGE_KEY);
  await i18next.changeLanguage(language ?? systemLanguage());
}
