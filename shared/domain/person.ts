import { z } from 'zod';
import { Id, NonEmptyText } from './common';

export const PersonInput = z.object({
  name: NonEmptyText(300),
  tmdbId: z.number().int().positive().optional(),
  imdbId: z
    .string()
    .regex(/^nm\d{7,10}$/, 'expected an IMDb person id such as nm0000040')
    .optional(),
});
export type PersonInput = z.input<typeof PersonInput>;

export const CastCredit = z.object({
  role: z.literal('cast'),
  person: PersonInput,
  character: z.string().trim().max(300).optional(),
  /** Billing order, 0 = top billed. */
  order: z.number().int().min(0).max(10_000),
});

export const CrewCredit = z.object({
  role: z.literal('crew'),
  person: PersonInput,
  job: NonEmptyText(100),
  department: z.string().trim().max(100).optional(),
});

export const CreditInput = z.discriminatedUnion('role', [CastCredit, CrewCredit]);
export type CreditInput = z.input<typeof CreditInput>;

export interface Person {
  id: string;
  name: string;
  tmdbId: number | null;
  imdbId: string | null;
}

export interface Credit {
  id: string;
  titleId: string;
  person: Person;
  role: 'cast' | 'crew';
  character: string | null;
  order: number | null;
  job: string | null;
  department: string | null;
}

export const CreditsSet = z.object({ titleId: Id, credits: z.array(CreditInput).max(2_000) });
