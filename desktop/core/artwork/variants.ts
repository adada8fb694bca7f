import sharp, { type Metadata } from 'sharp';
import { ARTWORK_WIDTHS, type ArtworkSize } from './sizes';

/** Formats we accept as originals. Not SVG: rendering it would be parsing untrusted XML. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff']);
const MIN_SIDE = 8;
const MAX_SIDE = 16_384;
const MAX_PIXELS = 100_000_000;
const WEBP_QUALITY = 80;
/**
 * libwebp's method 2 of 0–6 (sharp's default is 4): about twice as fast to encode for ~1% more
 * bytes in our measurements, and a first fill of a big library is time the user waits.
 */
const WEBP_EFFORT = 2;

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
  from: 'download' | 'local file',
): Promise<Map<ArtworkSize, Buffer>> {
  // Downloads are untrusted: any decoder warning refuses them (sharp's advice). The user's own
  // poster.jpg gets the benefit of the doubt on harmless warnings, but not on truncation.
  const failOn = from === 'download' ? 'warning' : 'truncated';
  const image = sharp(original, { failOn, limitInputPixels: MAX_PIXELS, animated: false });
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
  // Sizes wider than the original come out identical (never upscaled): encode each width once.
  const upright = meta.autoOrient?.width ?? width; // a sideways EXIF orientation swaps the sides
  const widthOf = (size: ArtworkSize) => Math.min(upright, ARTWORK_WIDTHS[size]);
  const widths = [...new Set(sizes.map(widthOf))];
  let encoded: Buffer[];
  try {
    encoded = await Promise.all(
      widths.map((w) =>
        image
          .clone()
          .rotate() // EXIF orientation, then drop the metadata
          .resize({ width: w, withoutEnlargement: true })
          .webp({ quality: WEBP_QUALITY, effort: WEBP_EFFORT })
          .toBuffer(),
      ),
    );
  } catch (e) {
    throw new BadImageError(`image does not decode: ${e instanceof Error ? e.message : String(e)}`);
  }
  const out = new Map<ArtworkSize, Buffer>();
  for (const size of sizes) out.set(size, encoded[widths.indexOf(widthOf(size))]!);
  return out;
}
