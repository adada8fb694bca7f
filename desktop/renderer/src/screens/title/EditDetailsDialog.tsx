import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TitleDetails } from '@reelshelf/shared/contracts';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { FieldError, FormError, invalidProps } from './form';

interface Form {
  title: string;
  originalTitle: string;
  year: string;
  releaseDate: string;
  runtimeMinutes: string;
  genres: string;
  language: string;
  overview: string;
}
const FIELDS: (keyof Form)[] = [
  'title',
  'originalTitle',
  'year',
  'releaseDate',
  'runtimeMinutes',
  'genres',
  'language',
  'overview',
];

function formOf(t: TitleDetails): Form {
  return {
    title: t.title,
    originalTitle: t.originalTitle ?? '',
    year: t.year === null ? '' : String(t.year),
    releaseDate: t.releaseDate ?? '',
    runtimeMinutes: t.runtimeMinutes === null ? '' : String(t.runtimeMinutes),
    genres: t.genres.join(', '),
    language: t.language ?? '',
    overview: t.overview ?? '',
  };
}

/** A whole number as a number; anything else is sent as typed so the core can say what is wrong. */
const numberOrText = (value: string): number | string | null =>
  value.trim() === '' ? null : /^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim();

/**
 * The title's own fields. Only what changed is sent: an edited field is locked against
 * metadata refreshes, so untouched fields must stay untouched.
 */
export function EditDetailsDialog({
  open,
  title,
  onClose,
}: {
  open: boolean;
  title: TitleDetails;
  onClose: () => void;
}) {
  const { t } = useTranslation('title');
  const update = useAction('catalog.update');
  const [form, setForm] = useState<Form>(() => formOf(title));

  useEffect(() => {
    if (!open) return;
    setForm(formOf(title));
    update.reset();
    // Fill the form when it opens; a refresh behind it must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const set = (field: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const before = formOf(title);
    const changed = (field: keyof Form) => form[field].trim() !== before[field].trim();
    const patch: Record<string, unknown> = {};
    if (changed('title')) patch.title = form.title;
    for (const field of ['originalTitle', 'releaseDate', 'language', 'overview'] as const)
      if (changed(field)) patch[field] = form[field].trim() || null;
    for (const field of ['year', 'runtimeMinutes'] as const)
      if (changed(field)) patch[field] = numberOrText(form[field]);
    if (changed('genres'))
      patch.genres = form.genres
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
    if (Object.keys(patch).length === 0) return onClose();
    if (await update.run({ id: title.id, ...patch })) onClose();
  };

  const error = update.error;
  const input = (
    field: keyof Form,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <div className="field">
      <label htmlFor={`edit-${field}`}>{label}</label>
      <input
        id={`edit-${field}`}
        value={form[field]}
        onChange={set(field)}
        {...props}
        {...invalidProps(error, field, `edit-${field}`)}
      />
      <FieldError error={error} field={field} id={`edit-${field}`} />
    </div>
  );

  return (
    <Dialog open={open} title={t('edit.title')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        {input('title', t('edit.titleField'))}
        {input('originalTitle', t('edit.originalTitle'))}
        <div className="form-grid">
          {input('year', t('edit.year'), { inputMode: 'numeric' })}
          {input('releaseDate', t('edit.releaseDate'), { type: 'date' })}
          {input('runtimeMinutes', t('edit.runtime'), { inputMode: 'numeric' })}
          {input('language', t('edit.language'), { placeholder: 'en' })}
        </div>
        {input('genres', t('edit.genres'), { 'aria-describedby': 'edit-genres-hint' })}
        <p id="edit-genres-hint" className="hint muted">
          {t('edit.genresHint')}
        </p>
        <div className="field">
          <label htmlFor="edit-overview">{t('edit.overview')}</label>
          <textarea
            id="edit-overview"
            rows={6}
            value={form.overview}
            onChange={set('overview')}
            {...invalidProps(error, 'overview', 'edit-overview')}
          />
          <FieldError error={error} field="overview" id="edit-overview" />
        </div>
        <FormError error={error} fields={FIELDS} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={update.busy}>
            {t('common:actions.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
