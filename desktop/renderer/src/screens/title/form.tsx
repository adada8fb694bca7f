import { useTranslation } from 'react-i18next';
import type { CoreError } from '@reelshelf/shared/contracts/errors';

/** Today as the calendar day the person sees on their own clock (YYYY-MM-DD). */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The core's messages for one field (issues are named by dotted path: "barcode", "loan.due"). */
export function fieldMessages(error: CoreError | undefined, field: string): string[] {
  return error?.issues.filter((i) => i.field === field).map((i) => i.message) ?? [];
}

/**
 * Props that tie an input to its error: aria-invalid and aria-describedby point at the
 * message that <FieldError> renders under it.
 */
export function invalidProps(error: CoreError | undefined, field: string, id: string) {
  const invalid = fieldMessages(error, field).length > 0;
  return invalid ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

/** The core's complaint about one field, right under it. */
export function FieldError({
  error,
  field,
  id,
}: {
  error: CoreError | undefined;
  field: string;
  id: string;
}) {
  const messages = fieldMessages(error, field);
  if (!messages.length) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      {messages.join(' ')}
    </p>
  );
}

/**
 * Under the form: the core's sentence and any issue no field shows; when every issue sits
 * next to its own field, only a pointer to them (the same words twice would be noise).
 */
export function FormError({ error, fields }: { error: CoreError | undefined; fields: string[] }) {
  const { t } = useTranslation('title');
  if (!error) return null;
  const placed = error.issues.length > 0 && error.issues.every((i) => fields.includes(i.field));
  return (
    <p className="error" role="alert">
      {placed ? t('form.checkFields') : error.message}
      {!placed &&
        error.issues
          .filter((i) => !fields.includes(i.field))
          .map((i) => (
            <span key={i.field + i.message}>
              {' '}
              <code>{i.field}</code>: {i.message}
            </span>
          ))}
    </p>
  );
}

/** Empty text means "not given": left out of an add, `null` (cleared) in a patch. */
export function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}
