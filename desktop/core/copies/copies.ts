import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { CoreError, type Handlers, type ParsedArgs } from '@reelshelf/shared/contracts';
import type { OwnedCopy } from '@reelshelf/shared/domain';
import { copies } from '../db/schema';
import { newId, type Ctx } from '../context';
import { toCopy } from '../catalog/rows';
import { requireTitle } from '../catalog/lookup';

type CopyFields = Omit<ParsedArgs<'copies.update'>, 'id'>;

function columns(f: CopyFields): Partial<typeof copies.$inferInsert> {
  const { price, file, ...rest } = f;
  return {
    ...rest,
    ...(file !== undefined && {
      filePath: file?.path ?? null,
      fileSize: file?.size ?? null,
      container: file?.container ?? null,
      resolution: file?.resolution ?? null,
    }),
    ...(price !== undefined && {
      priceAmount: price?.amount ?? null,
      priceCurrency: price?.currency ?? null,
    }),
  };
}

function requireCopy(ctx: Ctx, id: string): OwnedCopy {
  const row = ctx.lib.db.select().from(copies).where(eq(copies.id, id)).get();
  if (!row)
    throw new CoreError('not_found', `No copy with id ${id}.`, [{ field: 'id', message: 'not found' }]);
  return toCopy(row);
}

export function copyHandlers(
  ctx: Ctx,
): Pick<
  Handlers,
  'copies.add' | 'copies.update' | 'copies.remove' | 'copies.list' | 'copies.lend' | 'copies.return'
> {
  const { db } = ctx.lib;
  const changed = () => ctx.emit('changed', { entities: ['copies'] });
  return {
    'copies.add': ({ titleId, ...fields }) => {
      requireTitle(ctx, titleId);
      const id = newId();
      db.insert(copies)
        .values({ id, titleId, ...columns(fields), format: fields.format })
        .run();
      changed();
      return requireCopy(ctx, id);
    },
    'copies.update': ({ id, ...fields }) => {
      requireCopy(ctx, id);
      const set = columns(fields);
      if (Object.keys(set).length) db.update(copies).set(set).where(eq(copies.id, id)).run();
      changed();
      return requireCopy(ctx, id);
    },
    'copies.remove': ({ id }) => {
      requireCopy(ctx, id);
      db.delete(copies).where(eq(copies.id, id)).run();
      changed();
      return { removed: true };
    },
    'copies.list': ({ titleId, onLoan }) => {
      const conditions = [
        titleId !== undefined ? eq(copies.titleId, titleId) : undefined,
        onLoan === undefined
          ? undefined
          : onLoan
            ? isNotNull(copies.loanBorrower)
            : isNull(copies.loanBorrower),
      ].filter((c) => c !== undefined);
      return db
        .select()
        .from(copies)
        .where(and(...conditions))
        .orderBy(asc(copies.createdAt))
        .all()
        .map(toCopy);
    },
    'copies.lend': ({ id, loan }) => {
      const copy = requireCopy(ctx, id);
      if (copy.loan) {
        throw new CoreError(
          'conflict',
          `This copy is already lent to ${copy.loan.borrower} since ${copy.loan.since}.`,
          [{ field: 'id', message: 'already on loan' }],
        );
      }
      db.update(copies)
        .set({ loanBorrower: loan.borrower, loanSince: loan.since, loanDue: loan.due ?? null })
        .where(eq(copies.id, id))
        .run();
      changed();
      return requireCopy(ctx, id);
    },
    'copies.return': ({ id }) => {
      const copy = requireCopy(ctx, id);
      if (!copy.loan) {
        throw new CoreError('conflict', 'This copy is not on loan.', [
          { field: 'id', message: 'not on loan' },
        ]);
      }
      db.update(copies)
        .set({ loanBorrower: null, loanSince: null, loanDue: null })
        .where(eq(copies.id, id))
        .run();
      changed();
      return requireCopy(ctx, id);
    },
  };
}
