import { useTranslation } from 'react-i18next';
import type { WatchStreaks } from '@reelshelf/shared/contracts';
import { useFormat } from '../../i18n/format';

/** Current and longest run of days with at least one watch. Two numbers: no chart needed. */
export function Streaks({ streaks }: { streaks: WatchStreaks }) {
  const { t } = useTranslation('stats');
  const f = useFormat();
  return (
    <section className="stats-chart card" aria-labelledby="stats-streaks">
      <h2 id="stats-streaks">{t('streaks.title')}</h2>
      {streaks.longestDays === 0 ? (
        <p className="muted stats-empty">{t('streaks.empty')}</p>
      ) : (
        <dl className="stats-streaks">
          <div>
            <dt>{t('streaks.current')}</dt>
            <dd>{t('streaks.days', { count: streaks.currentDays, n: f.number(streaks.currentDays) })}</dd>
          </div>
          <div>
            <dt>{t('streaks.longest')}</dt>
            <dd>
              {t('streaks.days', { count: streaks.longestDays, n: f.number(streaks.longestDays) })}
              {streaks.longestFrom && streaks.longestTo && (
                <span className="muted stats-streak-range">
                  {t('streaks.range', { from: f.day(streaks.longestFrom), to: f.day(streaks.longestTo) })}
                </span>
              )}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
