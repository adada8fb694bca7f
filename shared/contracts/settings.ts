import { z } from 'zod';

export const APP_LANGUAGES = ['en', 'de', 'es', 'fr', 'ja'] as const;
export const APP_THEMES = ['system', 'light', 'dark'] as const;

/** The app's settings on this device (not synced: each device has its own). */
export const AppSettings = z.strictObject({
  /** The interface language; null follows the system's. */
  language: z.enum(APP_LANGUAGES).nullable(),
  theme: z.enum(APP_THEMES),
  /** Privacy: share anonymised interactions to train the shared recommendation models. Off unless chosen. */
  contributeInteractions: z.boolean(),
  /** Share this library with a TV on the local network (a placeholder until that feature exists). Off unless chosen. */
  shareWithTv: z.boolean(),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DEFAULT_SETTINGS: AppSettings = {
  language: null,
  theme: 'system',
  contributeInteractions: false,
  shareWithTv: false,
};

export const settingsCommandInputs = {
  'settings.get': z.object({}).default({}),
  /** Only what is given changes. */
  'settings.update': AppSettings.partial(),
} satisfies Record<string, z.ZodType>;

export interface SettingsCommandResults {
  'settings.get': AppSettings;
  'settings.update': AppSettings;
}
