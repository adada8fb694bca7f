import { useTranslation } from 'react-i18next';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Made once per locale and options, not on every call (counts re-render on every keystroke). */
function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options ?? {})}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/**
 * Dates, numbers and durations in the reader's language through Intl. Library dates are
 * calendar days ('2024-05-01'), formatted in UTC so no time zone moves them a day.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    locale,
    number: (n: number, options?: Intl.NumberFormatOptions) => numberFormat(locale, options).format(n),
    day: (isoDay: string, style: 'medium' | 'long' | 'short' = 'medium') =>
      new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(
        new Date(`${isoDay.slice(0, 10)}T00:00:00Z`),
      ),
    month: (yearMonth: string) =>
      new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(`${yearMonth}-01T00:00:00Z`),
      ),
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    /** 135 → "2 h 15 min" in the reader's units. */
    minutes: (total: number) => {
      const hours = Math.floor(total / 60);
      const minutes = Math.round(total % 60);
      const unit = (value: number, u: 'hour' | 'minute') =>
        new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
      return hours
        ? minutes
          ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`
          : unit(hours, 'hour')
        : unit(minutes, 'minute');
    },
    list: (items: string[]) =>
      new Intl.ListFormat(locale, { style: 'short', type: 'conjunction' }).format(items),
  };
}
