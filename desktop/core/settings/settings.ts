/**
 * The app's settings (language, theme, privacy choices) for this device: one JSON value in
 * library_meta per profile. Not synced — a theme or a sharing choice belongs to a device — and
 * not in backups (library_meta never is).
 */
import { AppSettings, DEFAULT_SETTINGS, type Handlers } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { readMeta, writeMeta } from '../db/meta';

const KEY = (profileId: string) => `app_settings:${profileId}`;

function readSettings(ctx: Ctx): AppSettings {
  const raw = readMeta(ctx.lib.sqlite, KEY(ctx.profileId));
  if (raw === undefined) return { ...DEFAULT_SETTINGS };
  // Each stored field is kept if it is still valid; anything else (a newer version's value) falls back to the default.
  let stored: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, unknown>;
  } catch {
    // a damaged value: the defaults
  }
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [field, schema] of Object.entries(AppSettings.shape)) {
    const value = (schema as { safeParse(v: unknown): { success: boolean } }).safeParse(stored[field]);
    if (Object.hasOwn(stored, field) && value.success) out[field] = stored[field];
  }
  return out as AppSettings;
}

export function settingsHandlers(ctx: Ctx): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => readSettings(ctx),
    'settings.update': (patch) => {
      const next = { ...readSettings(ctx), ...patch };
      writeMeta(ctx.lib.sqlite, KEY(ctx.profileId), JSON.stringify(next));
      ctx.emit('changed', { entities: ['settings'] });
      return next;
    },
  };
}
