import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TitleDetails } from '@reelshelf/shared/contracts';
import type { WatchStatus } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { StarRating } from '../../ui/StarRating';
import { ErrorMessage } from '../../ui/Status';
import { useStatusLabels } from './labels';
import { Reviews } from './Reviews';

/** The person's own view of the title: stars, where they are with it, what they wrote. */
export function YourTake({ title }: { title: TitleDetails }) {
  const { t } = useTranslation('title');
  const setRating = useAction('ratings.set');
  const clearRating = useAction('ratings.clear');
  const setStatus = useAction('watch.setStatus');
  const statusLabels = useStatusLabels();

  // Shown at once, so arrow keys step from what the person sees. Until the library reports
  // the value last chosen, older answers (reloads racing the saves) do not move it back.
  const [shown, setShown] = useState(title.rating);
  const target = useRef<number | null | undefined>(undefined);
  const saved = useRef(title.rating);
  saved.current = title.rating;
  useEffect(() => {
    if (target.current !== undefined && title.rating !== target.current) return;
    target.current = undefined;
    setShown(title.rating);
  }, [title.rating]);
  const rate = (stars: number | null) => {
    setShown(stars);
    target.current = stars;
    const done =
      stars === null ? clearRating.run({ titleId: title.id }) : setRating.run({ titleId: title.id, stars });
    void done.then((result) => {
      // Refused: show what the library holds again.
      if (result === undefined && target.current === stars) {
        target.current = undefined;
        setShown(saved.current);
      }
    });
  };

  return (
    <section className="card title-section" aria-labelledby="take-heading">
      <h2 id="take-heading">{t('take.heading')}</h2>
      <div className="take-row">
        <div className="take-rating">
          <span className="take-label" id="rating-label" aria-hidden="true">
            {t('take.rating')}
          </span>
          <StarRating value={shown} onChange={rate} label={t('take.rating')} />
          {shown !== null && (
            <button type="button" className="link-button" onClick={() => rate(null)}>
              {t('take.clearRating')}
            </button>
          )}
        </div>
        <div className="field take-status">
          <label htmlFor="title-status">{t('take.status')}</label>
          <select
            id="title-status"
            value={title.status ?? ''}
            disabled={setStatus.busy}
            onChange={(e) =>
              void setStatus.run({
                titleId: title.id,
                status: (e.target.value || null) as WatchStatus | null,
              })
            }
          >
            <option value="">{t('status.none')}</option>
            {(Object.entries(statusLabels) as [WatchStatus, string][]).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage error={setRating.error ?? clearRating.error ?? setStatus.error} />
      <Reviews titleId={title.id} reviews={title.reviews} />
    </section>
  );
}
