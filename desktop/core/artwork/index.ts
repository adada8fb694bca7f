export { ArtworkStore, DEFAULT_CAP_BYTES, type ArtworkStoreOptions } from './store';
export { ArtworkFetcher, type FetcherOptions, type FillProgress, type OriginalSource } from './fetch';
export {
  artworkResponse,
  artworkHttpHandler,
  artworkProtocolHandler,
  parseArtworkPath,
  defaultFetcher,
  type ArtworkRequest,
  type ArtworkResponse,
  type ArtworkSourceInfo,
  type ResolveArtworkSource,
} from './serve';
export { findLocalArtwork } from './local';
export { artworkDirFor } from './paths';
export { placeholderSvg } from './placeholder';
export { ARTWORK_WIDTHS, ArtworkKind, ArtworkSize } from './sizes';
