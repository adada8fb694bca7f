import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Review } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { FieldError, FormError, invalidProps } from './form';

type Visibility = Review['visibility'];

/** Write or edit a review; what was typed stays when the core refuses it. */
export function ReviewDialog({
  open,
  titleId,
  review,
  onClose,
}: {
  open: boolean;
  titleId: string;
  review: Review | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('title');
  const add = useAction('reviews.add');
  const update = useAction('reviews.update');
  const [text, setText] = useState('');
  const [spoilers, setSpoilers] = useState(false);
  const [visibility, setVisibility] = useState<Visibility>('private');

  useEffect(() => {
    if (!open) return;
    setText(review?.text ?? '');
    setSpoilers(review?.containsSpoilers ?? false);
    setVisibility(review?.visibility ?? 'private');
    add.reset();
    update.reset();
    // Fill the form each time it opens, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, review]);

  const error = add.error ?? update.error;
  const busy = add.busy || update.busy;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const fields = { text, containsSpoilers: spoilers, visibility };
    const saved = review
      ? await update.run({ id: review.id, ...fields })
      : await add.run({ titleId, ...fields });
    if (saved) onClose();
  };

  return (
    <Dialog open={open} title={review ? t('review.editTitle') : t('review.addTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="review-text">{t('review.text')}</label>
          <textarea
            id="review-text"
            rows={8}
            value={text}
            onChange={(e) => setText(e.target.value)}
            {...invalidProps(error, 'text', 'review-text')}
          />
          <FieldError error={error} field="text" id="review-text" />
        </div>
        <label className="check">
          <input type="checkbox" checked={spoilers} onChange={(e) => setSpoilers(e.target.checked)} />{' '}
          {t('review.containsSpoilers')}
        </label>
        <div className="field">
          <label htmlFor="review-visibility">{t('review.visibility')}</label>
          <select
            id="review-visibility"
            value={visibility}
            onChange={(e) => setVisibility(e.target.value as Visibility)}
          >
            <option value="private">{t('review.private')}</option>
            <option value="friends">{t('review.friends')}</option>
            <option value="public">{t('review.public')}</option>
          </select>
        </div>
        <FormError error={error} fields={['text']} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('review.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
