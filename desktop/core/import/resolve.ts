/**
 * A title reference → a library title id, creating what is missing: a film, or for an
 * episode its series, season and episode. Shared by every importer and the folder scan.
 * Must run inside the caller's transaction.
 */
import type { TitleKind } from '@reelshelf/shared/domain';
import { commandInputs, CoreError } from '@reelshelf/shared/contracts';
import { insertTitle } from '../catalog/titles';
import type { Ctx } from '../context';
import type { MatchResult } from './match';
import { TitleMatcher } from './match';
import type { TitleRef } from './records';

export type Resolution =
  | { status: 'matched' | 'created'; titleId: string }
  /** Kept for the person to decide: several candidates, or not enough to go on. */
  | { status: 'unmatched'; reason: string; candidates: string[] }
  /** The row's own data is unusable (e.g. a 700-character title): a rejected row. */
  | { status: 'rejected'; reason: string };

export class TitleResolver {
  readonly matcher: TitleMatcher;
  /** Titles this resolver created (an episode row can create its series and season too). */
  created = 0;

  constructor(private readonly ctx: Ctx) {
    this.matcher = new TitleMatcher(ctx);
  }

  /** `create: false` only looks (a dry run, or a scan that must not invent titles). */
  resolve(ref: TitleRef, { create = true } = {}): Resolution {
    if (ref.kind === 'episode' || ref.kind === 'season') return this.resolveChild(ref, create);
    if (!ref.title && !hasIds(ref.ids)) return unmatched('the row names no title and no id');
    const found = this.matcher.match(ref);
    if (found.status !== 'none' || !create) return fromMatch(found, ref);
    if (!ref.title) return unmatched('an id this library does not know and no title to create it with');
    return this.create(ref.kind, ref, {});
  }

  private resolveChild(ref: TitleRef, create: boolean): Resolution {
    // An episode known by its own id needs nothing else.
    const byId = this.matcher.byIds(ref.kind, ref.ids);
    if (byId) return { status: 'matched', titleId: byId.id };
    if (!ref.show || (!ref.show.title && !hasIds(ref.show.ids))) {
      return unmatched(`an ${ref.kind} needs its series, and the row does not name it`);
    }
    if (ref.season === undefined) return unmatched(`the row does not say which season`);
    if (ref.kind === 'episode' && ref.episode === undefined)
      return unmatched('the row does not say which episode');
    const show = this.resolve({ kind: 'series', ...ref.show }, { create });
    if (show.status !== 'matched' && show.status !== 'created') return show;
    let status: 'matched' | 'created' = show.status;
    const season = this.childOf(
      show.titleId,
      'season',
      ref.season,
      ref.kind === 'season' ? ref : undefined,
      create,
    );
    if (!season)
      return { status: 'unmatched', reason: `season ${ref.season} is not in the library`, candidates: [] };
    if ('rejected' in season) return { status: 'rejected', reason: season.rejected };
    if (season.created) status = 'created';
    if (ref.kind === 'season') return { status, titleId: season.id };
    const episode = this.childOf(season.id, 'episode', ref.episode!, ref, create);
    if (!episode)
      return { status: 'unmatched', reason: `episode ${ref.episode} is not in the library`, candidates: [] };
    if ('rejected' in episode) return { status: 'rejected', reason: episode.rejected };
    return { status: episode.created ? 'created' : status, titleId: episode.id };
  }

  private childOf(
    parentId: string,
    kind: 'season' | 'episode',
    number: number,
    ref: TitleRef | undefined,
    create: boolean,
  ): { id: string; created: boolean } | { rejected: string } | undefined {
    const existing = this.matcher.child(parentId, number);
    if (existing) return { id: existing, created: false };
    if (!create) return undefined;
    const label = kind === 'season' ? (number === 0 ? 'Specials' : `Season ${number}`) : `Episode ${number}`;
    const result = this.create(
      kind,
      { ...ref, title: ref?.title || label, ids: ref?.ids ?? {} },
      {
        parentId,
        ...(kind === 'season'
          ? { seasonNumber: number }
          : { episodeNumber: number, seasonNumber: ref?.season }),
      },
    );
    if (result.status === 'rejected') return { rejected: result.reason };
    if (result.status !== 'created') return undefined;
    this.matcher.addChild(parentId, number, result.titleId);
    return { id: result.titleId, created: true };
  }

  private create(
    kind: TitleKind,
    ref: Partial<TitleRef>,
    placement: { parentId?: string; seasonNumber?: number; episodeNumber?: number },
  ): Resolution {
    const d = ref.details ?? {};
    // Rows come from files: they pass the same checks as a title typed in by hand.
    const parsed = commandInputs['catalog.add'].safeParse({
      kind,
      title: ref.title,
      year: ref.year,
      originalTitle: d.originalTitle,
      overview: d.overview,
      runtimeMinutes: d.runtimeMinutes,
      releaseDate: d.releaseDate,
      genres: d.genres?.slice(0, 30),
      language: d.language,
      certification: d.certification,
      externalIds: ref.ids ?? {},
      credits: d.credits?.slice(0, 2_000),
      ...placement,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { status: 'rejected', reason: `${issue.path.join('.') || 'title'}: ${issue.message}` };
    }
    const input = parsed.data;
    let id: string;
    try {
      id = insertTitle(this.ctx, input);
    } catch (e) {
      // The library has this film under an id the matcher could not see (a row synced in
      // part): the row waits for review rather than stopping the whole import.
      if (e instanceof CoreError && e.code === 'conflict')
        return { status: 'unmatched', reason: e.message, candidates: [] };
      throw e;
    }
    this.created++;
    this.matcher.add(
      {
        id,
        kind,
        title: input.title,
        year: input.year ?? null,
        imdb: input.externalIds.imdb ?? null,
        tmdb: input.externalIds.tmdb ?? null,
        tvdb: input.externalIds.tvdb ?? null,
      },
      input.originalTitle,
    );
    return { status: 'created', titleId: id };
  }
}

const hasIds = (ids: TitleRef['ids']) =>
  ids.imdb !== undefined || ids.tmdb !== undefined || ids.tvdb !== undefined;

function unmatched(reason: string): Resolution {
  return { status: 'unmatched', reason, candidates: [] };
}

function fromMatch(found: MatchResult, ref: TitleRef): Resolution {
  if (found.status === 'matched') return { status: 'matched', titleId: found.titleId };
  if (found.status === 'ambiguous')
    return { status: 'unmatched', reason: found.reason, candidates: found.candidates };
  return unmatched(
    `no title "${ref.title ?? ref.ids.imdb ?? ''}"${ref.year ? ` (${ref.year})` : ''} in the library`,
  );
}
