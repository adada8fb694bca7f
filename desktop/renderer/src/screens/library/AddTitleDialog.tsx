import { cloneElement, useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreError } from '@reelshelf/shared/contracts/errors';
import { useAction } from '../../core';
import { href, navigate } from '../../app/router';
import { Dialog } from '../../ui/Dialog';
import { ErrorMessage } from '../../ui/Status';

/** The message the core gave for one field, shown under that field. */
export function fieldError(error: CoreError | undefined, field: string): string | undefined {
  return error?.issues.find((i) => i.field === field || i.field.startsWith(`${field}.`))?.message;
}

/**
 * A labelled input with the core's complaint about it underneath, tied to it by
 * aria-describedby (and outside the label, so the field's name stays just its label).
 */
export function Field({
  label,
  error,
  children,
}: {
  label: string;
  error: string | undefined;
  children: ReactElement<React.InputHTMLAttributes<HTMLInputElement>>;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `${id}-error` : undefined,
      })}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * A film or series by hand: kind, title, year, original title. On success the new title
 * opens; on a refusal the form stays as typed with the core's words next to the fields.
 */
export function AddTitleDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('library');
  const add = useAction('catalog.add');
  const [kind, setKind] = useState<'movie' | 'series'>('movie');
  const [title, setTitle] = useState('');
  const [year, setYear] = useState('');
  const [originalTitle, setOriginalTitle] = useState('');

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const created = await add.run({
      kind,
      title,
      ...(year.trim() ? { year: Number(year) } : {}),
      ...(originalTitle.trim() ? { originalTitle } : {}),
    });
    if (!created) return;
    setTitle('');
    setYear('');
    setOriginalTitle('');
    onClose();
    navigate(href('title', created.id));
  };

  const titleError = fieldError(add.error, 'title');
  const yearError = fieldError(add.error, 'year');
  const originalError = fieldError(add.error, 'originalTitle');

  return (
    <Dialog
      open={open}
      title={t('add.title')}
      onClose={() => {
        add.reset();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <fieldset className="kind-choice">
          <legend>{t('add.kind')}</legend>
          {(['movie', 'series'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
              {t(`common:kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('add.name')} error={titleError}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} required data-autofocus />
        </Field>
        <Field label={t('add.year')} error={yearError}>
          <input type="number" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        </Field>
        <Field label={t('add.originalTitle')} error={originalError}>
          <input value={originalTitle} onChange={(e) => setOriginalTitle(e.target.value)} />
        </Field>
        <ErrorMessage error={add.error} />
        <div className="dialog-actions">
          <button
            type="button"
            onClick={() => {
              add.reset();
              onClose();
            }}
          >
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={add.busy}>
            {t('add.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
