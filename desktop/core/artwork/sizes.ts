import { z } from 'zod';

/** The widths every original is resized to, once. Never upscaled: a 300 px original stays 300 px. */
export const ARTWORK_WIDTHS = { thumb: 185, card: 342, full: 1280 } as const;
export const ArtworkSize = z.enum(['thumb', 'card', 'full']);
export type ArtworkSize = z.infer<typeof ArtworkSize>;
export const ARTWORK_SIZES = ArtworkSize.options;

export const ArtworkKind = z.enum(['poster', 'backdrop', 'still', 'profile']);
export type ArtworkKind = z.infer<typeof ArtworkKind>;

/** Width ÷ height of each kind, for placeholders (TMDb's shapes: 2:3 posters and faces, 16:9 frames). */
export const KIND_ASPECT: Record<ArtworkKind, number> = {
  poster: 2 / 3,
  profile: 2 / 3,
  backdrop: 16 / 9,
  still: 16 / 9,
};

/** SHA-256 in lower-case hex: how originals are addressed. */
export const ArtworkHash = z.string().regex(/^[0-9a-f]{64}$/, 'a hash is 64 lower-case hex digits');
