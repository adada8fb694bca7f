import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Review } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { useFormat } from '../../i18n/format';
import { ErrorMessage } from '../../ui/Status';
import { ReviewDialog } from './ReviewDialog';

/** The person's reviews of the title; one with spoilers stays hidden until asked for. */
export function Reviews({ titleId, reviews }: { titleId: string; reviews: Review[] }) {
  const { t } = useTranslation('title');
  const [editing, setEditing] = useState<Review | 'new' | null>(null);
  return (
    <div className="reviews">
      <div className="section-header">
        <h3>{t('review.heading')}</h3>
        <button type="button" onClick={() => setEditing('new')}>
          {reviews.length ? t('review.addAnother') : t('review.add')}
        </button>
      </div>
      {reviews.length === 0 && <p className="muted">{t('review.none')}</p>}
      {reviews.map((review) => (
        <ReviewItem key={review.id} review={review} onEdit={() => setEditing(review)} />
      ))}
      <ReviewDialog
        open={editing !== null}
        titleId={titleId}
        review={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </div>
  );
}

function ReviewItem({ review, onEdit }: { review: Review; onEdit: () => void }) {
  const { t } = useTranslation('title');
  const format = useFormat();
  const [revealed, setRevealed] = useState(false);
  const remove = useAction('reviews.remove');
  const hidden = review.containsSpoilers && !revealed;
  return (
    <article className="review" aria-label={t('review.label', { date: format.day(review.updatedAt) })}>
      <p className="muted review-meta">
        {format.day(review.updatedAt)}
        {review.containsSpoilers && <span className="spoiler-flag">{t('review.spoilerFlag')}</span>}
      </p>
      {hidden ? (
        <button type="button" onClick={() => setRevealed(true)}>
          {t('review.showSpoiler')}
        </button>
      ) : (
        <p className="review-text">{review.text}</p>
      )}
      <div className="row-actions">
        {review.containsSpoilers && revealed && (
          <button type="button" onClick={() => setRevealed(false)}>
            {t('review.hideSpoiler')}
          </button>
        )}
        <button type="button" onClick={onEdit}>
          {t('review.edit')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={remove.busy}
          onClick={() => void remove.run({ id: review.id })}
        >
          {t('review.remove')}
        </button>
      </div>
      <ErrorMessage error={remove.error} />
    </article>
  );
}
