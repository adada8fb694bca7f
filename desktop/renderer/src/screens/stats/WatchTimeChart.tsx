import { useTranslation } from 'react-i18next';
import type { MonthWatchTime } from '@reelshelf/shared/contracts';
import { useFormat } from '../../i18n/format';
import { ChartFigure, ChartTable } from './ChartFigure';

/** Hours watched per month as columns, oldest on the left; a year label under each January. */
export function WatchTimeChart({ months }: { months: MonthWatchTime[] }) {
  const { t } = useTranslation('stats');
  const f = useFormat();
  const maxMinutes = Math.max(0, ...months.map((m) => m.minutes));
  const maxHours = Math.max(1, Math.ceil(maxMinutes / 60));
  const busiest = months.reduce<MonthWatchTime | undefined>(
    (a, m) => (!a || m.minutes > a.minutes ? m : a),
    undefined,
  );
  const total = months.reduce((sum, m) => sum + m.minutes, 0);
  const hours = (minutes: number) => f.number(minutes / 60, { maximumFractionDigits: 1 });

  return (
    <ChartFigure
      title={t('watchTime.title')}
      empty={months.length === 0 || total === 0}
      emptyText={t('watchTime.empty')}
      summary={
        busiest
          ? t('watchTime.summary', {
              total: f.minutes(total),
              month: f.month(busiest.month),
              busiest: f.minutes(busiest.minutes),
            })
          : undefined
      }
      chart={
        <div className="vchart">
          <div className="vchart-yaxis">
            <span className="vchart-yunit">{t('watchTime.hoursAxis')}</span>
            <div className="vchart-yticks">
              <span style={{ top: 0 }}>{f.number(maxHours)}</span>
              <span style={{ top: '50%' }}>{f.number(maxHours / 2, { maximumFractionDigits: 1 })}</span>
              <span style={{ top: '100%' }}>{f.number(0)}</span>
            </div>
          </div>
          <div className="vchart-scroll">
            <div className="vchart-plot" style={{ minWidth: `${months.length * 0.9}rem` }}>
              {months.map((m, i) => (
                <div
                  key={m.month}
                  className="vchart-col"
                  title={`${f.month(m.month)}: ${f.minutes(m.minutes)}`}
                >
                  <div className="vchart-bar-area">
                    <div className="vchart-bar" style={{ height: `${(m.minutes / 60 / maxHours) * 100}%` }} />
                  </div>
                  <span className="vchart-xlabel">{yearLabel(months, i)}</span>
                </div>
              ))}
            </div>
          </div>
        </div>
      }
      table={
        <ChartTable
          caption={t('watchTime.title')}
          columns={[t('watchTime.month'), t('watchTime.hours'), t('watchTime.watches')]}
          rows={months.map((m) => ({
            key: m.month,
            cells: [f.month(m.month), hours(m.minutes), f.number(m.watches)],
          }))}
        />
      }
    />
  );
}

/** The year under each January, and under the first month when the next January is far off. */
function yearLabel(months: MonthWatchTime[], i: number): string {
  const month = months[i]!.month;
  if (month.endsWith('-01')) return month.slice(0, 4);
  if (i === 0 && Number(month.slice(5, 7)) <= 9) return month.slice(0, 4);
  return '';
}
