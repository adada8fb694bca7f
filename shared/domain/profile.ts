import { z } from 'zod';
import { NonEmptyText } from './common';

/** Certification ladders differ by country; the ceiling names one rung of a ladder. */
export const CertificationCeiling = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter country code'),
  certification: NonEmptyText(20),
});

export const ProfileInput = z.object({
  name: NonEmptyText(100),
  isKid: z.boolean().default(false),
  certificationCeiling: CertificationCeiling.optional(),
});

export interface Profile {
  id: string;
  name: string;
  isKid: boolean;
  certificationCeiling: z.infer<typeof CertificationCeiling> | null;
}

export const Tag = NonEmptyText(100).refine(
  (s) => !/[,\n]/.test(s),
  'a tag cannot contain commas or newlines',
);
