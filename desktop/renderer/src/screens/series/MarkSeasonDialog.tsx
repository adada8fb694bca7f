import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeasonEntry } from '@reelshelf/shared/contracts';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';
import { localToday } from '../title/form';

type When = 'today' | 'on' | 'unknown';

/** Logs every episode of the season not watched yet: today, on a chosen day, or with no date. */
export function MarkSeasonDialog({
  open,
  season,
  seasonName,
  onClose,
}: {
  open: boolean;
  season: SeasonEntry;
  seasonName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('series');
  const mark = useAction('series.markSeasonWatched');
  const [when, setWhen] = useState<When>('today');
  const [day, setDay] = useState(localToday());

  useEffect(() => {
    if (!open) return;
    setWhen('today');
    setDay(localToday());
    mark.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const args =
      when === 'unknown'
        ? { seasonId: season.id, dateUnknown: true }
        : { seasonId: season.id, on: when === 'on' ? day : localToday() };
    if (await mark.run(args)) onClose();
  };
  const left = season.episodeCount - season.watchedCount;

  return (
    <Dialog open={open} title={t('markSeason.title', { season: seasonName })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <p>{t('markSeason.explain', { count: left })}</p>
        <fieldset className="when">
          <legend>{t('markSeason.when')}</legend>
          <label className="check">
            <input type="radio" name="when" checked={when === 'today'} onChange={() => setWhen('today')} />{' '}
            {t('markSeason.today')}
          </label>
          <label className="check">
            <input type="radio" name="when" checked={when === 'on'} onChange={() => setWhen('on')} />{' '}
            {t('markSeason.onDay')}
          </label>
          {when === 'on' && (
            <div className="field when-day">
              <label htmlFor="mark-season-day">{t('markSeason.day')}</label>
              <input
                id="mark-season-day"
                type="date"
                required
                max={localToday()}
                value={day}
                onChange={(e) => setDay(e.target.value)}
              />
            </div>
          )}
          <label className="check">
            <input
              type="radio"
              name="when"
              checked={when === 'unknown'}
              onChange={() => setWhen('unknown')}
            />{' '}
            {t('markSeason.dateUnknown')}
          </label>
        </fieldset>
        <ErrorMessage error={mark.error} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={mark.busy}>
            {t('markSeason.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
