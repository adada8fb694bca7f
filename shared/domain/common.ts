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

type PatchShape<S extends z.core.$ZodShape> = {
  [K in keyof S]: S[K] extends z.ZodOptional<infer Inner>
    ? z.ZodOptional<z.ZodNullable<Inner>>
    : z.ZodOptional<S[K]>;
};

/**
 * The schema of a patch: every field may be left out (and then stays as it is); a field
 * that may be empty can also be null, which clears it. Built from a schema without
 * defaults, since a default would overwrite what the patch leaves out.
 */
export function patchOf<S extends z.core.$ZodShape>(fields: z.ZodObject<S>): z.ZodObject<PatchShape<S>> {
  const shape = Object.fromEntries(
    Object.entries(fields.shape).map(([key, schema]) => [
      key,
      schema instanceof z.ZodOptional
        ? (schema.unwrap() as z.ZodType).nullable().optional()
        : (schema as z.ZodType).optional(),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<PatchShape<S>>;
}
