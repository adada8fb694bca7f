import sharp, { type Metadata } from 'sharp';
import { ARTWORK_WIDTHS, type ArtworkSize } from './sizes';

/** Formats we accept as originals. Not SVG: rendering it would be parsing untrusted XML. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);
const MIN_SIDE = 8;
const MAX_SIDE = 16_384;
const MAX_PIXELS = 100_000_000;
const WEBP_QUALITY = 80;

export class BadImageError extends Error {
  override readonly name = 'BadImageError';
}

/**
 * Resizes one original into the sizes asked for, as WebP. The original must decode completely
 * (sharp fails on truncated data) and have sane dimensions; anything else is a BadImageError.
 */
export async function makeVariants(
  original: string | Buffer,
  sizes: readonly ArtworkSize[],
): Promise<Map<ArtworkSize, Buffer>> {
  const image = sharp(original, { failOn: 'truncated', limitInputPixels: MAX_PIXELS, animated: false });
  let meta: Metadata;
  try {
    meta = await image.metadata();
  } catch (e) {
    throw new BadImageError(`not an image: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!meta.format || !ACCEPTED_FORMATS.has(meta.format)) {
    throw new BadImageError(`unsupported image format ${meta.format ?? 'unknown'}`);
  }
  const { width = 0, height = 0 } = meta;
  if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
    throw new BadImageError(`image is ${width}×${height}`);
  }
  const out = new Map<ArtworkSize, Buffer>();
  try {
    const encoded = await Promise.all(
      sizes.map((size) =>
        image
          .clone()
          .rotate() // EXIF orientation, then drop the metadata
          .resize({ width: ARTWORK_WIDTHS[size], withoutEnlargement: true })
          .webp({ quality: WEBP_QUALITY })
          .toBuffer(),
      ),
    );
    sizes.forEach((size, i) => out.set(size, encoded[i]!));
  } catch (e) {
    throw new BadImageError(`image does not decode: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out;
}
