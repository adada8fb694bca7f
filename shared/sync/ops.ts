import { z } from 'zod';
import { isHlc } from './hlc';
import { Scope } from './scope';
import { ENTITY_NAMES, fieldSchema, isEntity, RowKey, type EntityName } from './entities';

/** Largest JSON value one op may carry (a long review or a full cast list fits). */
export const MAX_OP_VALUE_BYTES = 256 * 1024;

/** One changed field of one row: the unit of sync. */
export interface SyncOp {
  opId: string;
  hlc: string;
  scope: string;
  entity: EntityName;
  rowId: string;
  field: string;
  value: unknown;
}

/** An op as the server hands it out: with its place in the scope's sequence. */
export interface StoredOp extends SyncOp {
  seq: number;
}

const OpEnvelope = z.object({
  opId: z.uuid(),
  hlc: z.string().refine(isHlc, 'expected a clock stamp such as 1763776386000-0000-0123456789abcdef'),
  scope: Scope,
  entity: z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]),
  rowId: RowKey,
  field: z.string().min(1).max(60),
  value: z.unknown(),
});

export type OpCheck = { ok: true; op: SyncOp } | { ok: false; opId?: string; reason: string };

const describe = (issues: z.core.$ZodIssue[]) =>
  issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');

/**
 * Checks one op as received: envelope, known entity and field, and the value's type for
 * that field. The reason names what is wrong, e.g. `title.year: expected number`.
 */
export function checkOp(raw: unknown): OpCheck {
  const opId =
    typeof raw === 'object' && raw !== null && typeof (raw as { opId?: unknown }).opId === 'string'
      ? (raw as { opId: string }).opId
      : undefined;
  const envelope = OpEnvelope.safeParse(raw);
  if (!envelope.success) return { ok: false, opId, reason: describe(envelope.error.issues) };
  const { entity, field } = envelope.data;
  if (!isEntity(entity)) return { ok: false, opId, reason: `unknown entity "${entity}"` };
  const schema = fieldSchema(entity, field);
  if (!schema) return { ok: false, opId, reason: `${entity} has no field "${field}"` };
  if (envelope.data.value === undefined)
    return { ok: false, opId, reason: `${entity}.${field}: value missing` };
  const value = schema.safeParse(envelope.data.value);
  if (!value.success)
    return { ok: false, opId, reason: `${entity}.${field}: ${describe(value.error.issues)}` };
  if (JSON.stringify(value.data).length > MAX_OP_VALUE_BYTES)
    return { ok: false, opId, reason: `${entity}.${field}: value larger than ${MAX_OP_VALUE_BYTES} bytes` };
  return { ok: true, op: { ...envelope.data, value: value.data } };
}
