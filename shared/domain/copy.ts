import { z } from 'zod';
import { checkBarcode } from './barcode';
import { Currency, Id, IsoDate, patchOf } from './common';

export const COPY_FORMATS = [
  'dvd',
  'blu-ray',
  '4k-uhd',
  'hd-dvd',
  'vhs',
  'laserdisc',
  'digital-file',
  'digital-purchase',
] as const;
export const CopyFormat = z.enum(COPY_FORMATS);
export type CopyFormat = z.infer<typeof CopyFormat>;

export const Barcode = z.string().transform((raw, ctx) => {
  const result = checkBarcode(raw);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: `invalid barcode "${raw}": ${result.reason}` });
    return z.NEVER;
  }
  return result.digits;
});

export const Money = z.object({
  /** Decimal string so 19.99 stays 19.99. */
  amount: z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'expected an amount such as 19.99'),
  currency: Currency,
});

export const Loan = z
  .object({
    borrower: z.string().trim().min(1, 'a loan needs a borrower').max(200),
    since: IsoDate,
    due: IsoDate.optional(),
  })
  .refine((l) => !l.due || l.due >= l.since, {
    message: 'due date is before the loan started',
    path: ['due'],
  });

/** A video file on this device (found by the folder scan or added by hand). */
export const DigitalFile = z.object({
  path: z.string().min(1).max(4_096),
  size: z.number().int().min(0).optional(),
  /** File extension in lower case: mkv, mp4, iso. */
  container: z.string().trim().max(20).optional(),
  /** As the name says: 2160p, 1080p, 720p… */
  resolution: z.string().trim().max(20).optional(),
});

export const CopyFields = z.object({
  format: CopyFormat,
  edition: z.string().trim().max(200).optional(),
  region: z.string().trim().max(20).optional(),
  barcode: Barcode.optional(),
  location: z.string().trim().max(200).optional(),
  purchaseDate: IsoDate.optional(),
  price: Money.optional(),
  notes: z.string().max(5_000).optional(),
  /** A box set groups copies that were bought as one product. */
  boxSet: z.string().trim().max(300).optional(),
  file: DigitalFile.optional(),
});

export const CopyInput = CopyFields.extend({ titleId: Id });
export type CopyInput = z.input<typeof CopyInput>;

/** Fields left out stay; null clears one (e.g. a barcode typed by mistake). */
export const CopyPatch = patchOf(CopyFields).extend({ id: Id });

export interface OwnedCopy {
  id: string;
  titleId: string;
  format: CopyFormat;
  edition: string | null;
  region: string | null;
  barcode: string | null;
  location: string | null;
  purchaseDate: string | null;
  price: { amount: string; currency: string } | null;
  notes: string | null;
  boxSet: string | null;
  file: { path: string; size: number | null; container: string | null; resolution: string | null } | null;
  loan: { borrower: string; since: string; due: string | null } | null;
  createdAt: string;
}
