export type ArtworkKind = 'poster' | 'backdrop' | 'still' | 'profile';
export type ArtworkSize = 'thumb' | 'card' | 'full';

/**
 * The one artwork door: the core's `/artwork/<title>/<kind>/<size>` route. Inside Electron the
 * page lives on app://, so it asks through the privileged reelshelf-art:// scheme, which the
 * main process forwards to the same route. Without artwork the core answers with a placeholder.
 */
export function artworkUrl(id: string, kind: ArtworkKind = 'poster', size: ArtworkSize = 'thumb'): string {
  const path = `${encodeURIComponent(id)}/${kind}/${size}`;
  return window.reelshelf ? `reelshelf-art://artwork/${path}` : `/artwork/${path}`;
}

/** Decorative by default (the title is next to it); pass `alt` where the image stands alone. */
export function Artwork({
  id,
  kind = 'poster',
  size = 'thumb',
  alt = '',
  className,
}: {
  id: string;
  kind?: ArtworkKind;
  size?: ArtworkSize;
  alt?: string;
  className?: string;
}) {
  return (
    <img
      className={`artwork artwork-${kind} ${className ?? ''}`}
      src={artworkUrl(id, kind, size)}
      alt={alt}
      loading="lazy"
      decoding="async"
      draggable={false}
    />
  );
}
