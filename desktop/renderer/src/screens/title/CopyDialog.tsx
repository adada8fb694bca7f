import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CopyFormat, OwnedCopy } from '@reelshelf/shared/domain';
import { useAction } from '../../core';
import { Dialog } from '../../ui/Dialog';
import { FieldError, FormError, invalidProps, optionalText } from './form';
import { useFormatLabels } from './labels';

/** The copy fields this form edits, named as in shared/domain/copy.ts. */
const TEXT_FIELDS = ['edition', 'region', 'barcode', 'location', 'purchaseDate', 'notes'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Form = { format: CopyFormat } & Record<TextField, string>;

const EMPTY: Form = {
  format: 'blu-ray',
  edition: '',
  region: '',
  barcode: '',
  location: '',
  purchaseDate: '',
  notes: '',
};

function formOf(copy: OwnedCopy | null): Form {
  if (!copy) return EMPTY;
  return {
    format: copy.format,
    edition: copy.edition ?? '',
    region: copy.region ?? '',
    barcode: copy.barcode ?? '',
    location: copy.location ?? '',
    purchaseDate: copy.purchaseDate ?? '',
    notes: copy.notes ?? '',
  };
}

/** Add a copy, or change one; the core checks the barcode and says what is wrong with it. */
export function CopyDialog({
  open,
  titleId,
  copy,
  onClose,
}: {
  open: boolean;
  titleId: string;
  copy: OwnedCopy | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('title');
  const labels = useFormatLabels();
  const add = useAction('copies.add');
  const update = useAction('copies.update');
  const [form, setForm] = useState<Form>(EMPTY);

  useEffect(() => {
    if (!open) return;
    setForm(formOf(copy));
    add.reset();
    update.reset();
    // Fill the form each time it opens, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, copy]);

  const error = add.error ?? update.error;
  const set = (field: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    let saved;
    if (copy) {
      // A patch: only what changed; an emptied field is cleared with null.
      const before = formOf(copy);
      const patch: Record<string, string | null> = {};
      if (form.format !== before.format) patch.format = form.format;
      for (const field of TEXT_FIELDS)
        if (form[field].trim() !== before[field].trim()) patch[field] = optionalText(form[field]) ?? null;
      saved = await update.run({ id: copy.id, ...patch });
    } else {
      const fields: Record<string, string> = { format: form.format };
      for (const field of TEXT_FIELDS) {
        const value = optionalText(form[field]);
        if (value !== undefined) fields[field] = value;
      }
      saved = await add.run({ titleId, ...(fields as { format: CopyFormat }) });
    }
    if (saved) onClose();
  };

  const text = (field: TextField, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`copy-${field}`}>{label}</label>
      <input
        id={`copy-${field}`}
        type={type}
        value={form[field]}
        onChange={set(field)}
        {...invalidProps(error, field, `copy-${field}`)}
      />
      <FieldError error={error} field={field} id={`copy-${field}`} />
    </div>
  );

  return (
    <Dialog open={open} title={copy ? t('copies.editTitle') : t('copies.addTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="copy-format">{t('copies.format')}</label>
            <select
              id="copy-format"
              value={form.format}
              onChange={set('format')}
              {...invalidProps(error, 'format', 'copy-format')}
            >
              {(Object.entries(labels) as [CopyFormat, string][]).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <FieldError error={error} field="format" id="copy-format" />
          </div>
          {text('edition', t('copies.edition'))}
          <div className="field">
            <label htmlFor="copy-barcode">{t('copies.barcode')}</label>
            <input
              id="copy-barcode"
              inputMode="numeric"
              autoComplete="off"
              value={form.barcode}
              onChange={set('barcode')}
              {...invalidProps(error, 'barcode', 'copy-barcode')}
            />
            <FieldError error={error} field="barcode" id="copy-barcode" />
          </div>
          {text('region', t('copies.region'))}
          {text('location', t('copies.location'))}
          {text('purchaseDate', t('copies.purchaseDate'), 'date')}
        </div>
        <div className="field">
          <label htmlFor="copy-notes">{t('copies.notes')}</label>
          <textarea
            id="copy-notes"
            rows={3}
            value={form.notes}
            onChange={set('notes')}
            {...invalidProps(error, 'notes', 'copy-notes')}
          />
          <FieldError error={error} field="notes" id="copy-notes" />
        </div>
        <FormError error={error} fields={['format', ...TEXT_FIELDS]} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={add.busy || update.busy}>
            {copy ? t('common:actions.save') : t('copies.addSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
