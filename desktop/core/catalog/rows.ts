import type { Credit, OwnedCopy, Review, Title, WatchEvent } from '@reelshelf/shared/domain';
import type { copies, credits, people, reviews, titles, watchEvents } from '../db/schema';

/** Database rows → domain objects: one place, so every command answers in the same shape. */
export function toTitle(row: typeof titles.$inferSelect, genres: string[]): Title {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    originalTitle: row.originalTitle,
    sortTitle: row.sortTitle,
    year: row.year,
    releaseDate: row.releaseDate,
    runtimeMinutes: row.runtimeMinutes,
    overview: row.overview,
    genres,
    language: row.language,
    certification: row.certification,
    externalIds: {
      ...(row.tmdbId !== null && { tmdb: row.tmdbId }),
      ...(row.imdbId !== null && { imdb: row.imdbId }),
      ...(row.tvdbId !== null && { tvdb: row.tvdbId }),
    },
    parentId: row.parentId,
    seasonNumber: row.seasonNumber,
    episodeNumber: row.episodeNumber,
    posterPath: row.posterPath,
    backdropPath: row.backdropPath,
    lockedFields: row.lockedFields ?? [],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toCopy(row: typeof copies.$inferSelect): OwnedCopy {
  return {
    id: row.id,
    titleId: row.titleId,
    format: row.format as OwnedCopy['format'],
    edition: row.edition,
    region: row.region,
    barcode: row.barcode,
    location: row.location,
    purchaseDate: row.purchaseDate,
    price:
      row.priceAmount && row.priceCurrency ? { amount: row.priceAmount, currency: row.priceCurrency } : null,
    notes: row.notes,
    boxSet: row.boxSet,
    file: row.filePath
      ? { path: row.filePath, size: row.fileSize, container: row.container, resolution: row.resolution }
      : null,
    loan:
      row.loanBorrower && row.loanSince
        ? { borrower: row.loanBorrower, since: row.loanSince, due: row.loanDue }
        : null,
    createdAt: row.createdAt,
  };
}

export function toCredit(row: typeof credits.$inferSelect, person: typeof people.$inferSelect): Credit {
  return {
    id: row.id,
    titleId: row.titleId,
    person: { id: person.id, name: person.name, tmdbId: person.tmdbId, imdbId: person.imdbId },
    role: row.role,
    character: row.character,
    order: row.castOrder,
    job: row.job,
    department: row.department,
  };
}

export function toWatch(row: typeof watchEvents.$inferSelect): WatchEvent {
  return {
    id: row.id,
    titleId: row.titleId,
    watchedOn: row.watchedOn,
    source: row.source as WatchEvent['source'],
    createdAt: row.createdAt,
  };
}

export function toReview(row: typeof reviews.$inferSelect): Review {
  return {
    id: row.id,
    titleId: row.titleId,
    text: row.text,
    containsSpoilers: row.containsSpoilers,
    visibility: row.visibility as Review['visibility'],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
