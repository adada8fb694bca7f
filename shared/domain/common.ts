import { z } from 'zod';

export const Id = z.string().min(1).max(64);

/** A calendar date as people write it on a diary entry: YYYY-MM-DD, validated as a real day. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');

export const Year = z.number().int().min(1870).max(2200);

export const NonEmptyText = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected a three-letter ISO 4217 currency code such as EUR');
