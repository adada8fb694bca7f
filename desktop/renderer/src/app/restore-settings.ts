import i18next from 'i18next';
import type { CoreClient } from '../core';
import { changeLanguage } from '../i18n';
import { applyTheme, savedTheme } from './theme';

/**
 * The core remembers language and theme; the page's localStorage only lets the first paint
 * use them. Browser mode on a new port starts with empty storage, so the core's choice wins.
 */
export async function restoreSettings(core: CoreClient): Promise<void> {
  try {
    const settings = await core.call('settings.get', {});
    if (settings.language && settings.language !== i18next.language) await changeLanguage(settings.language);
    if (settings.theme !== savedTheme()) applyTheme(settings.theme);
  } catch {
    // An older core or a dropped connection: keep what the page has.
  }
}
