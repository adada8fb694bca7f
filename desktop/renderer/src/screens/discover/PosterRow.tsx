import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Artwork } from '../../ui/Artwork';

export interface PosterCard {
  key: string;
  href: string;
  /** Whose poster to show. */
  artworkId: string;
  title: string;
  /** A second line: the year, or the episode to watch next. */
  subtitle?: string;
  /** Shown next to the link, outside its name (owned / watched badges). */
  extra?: ReactNode;
}

/**
 * One horizontally scrolling row of posters: a region and a list named by its heading.
 * The row is a single Tab stop (roving tabindex); the arrow keys, Home and End move along
 * it, and the browser scrolls the focused poster into view.
 */
export function PosterRow({
  heading,
  reason,
  cards,
}: {
  heading: string;
  reason: string;
  cards: PosterCard[];
}) {
  const headingId = useId();
  const reasonId = useId();
  const [active, setActive] = useState(0);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const current = Math.min(active, cards.length - 1);

  const onKeyDown = (event: KeyboardEvent) => {
    const last = cards.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? Math.min(last, current + 1)
        : event.key === 'ArrowLeft'
          ? Math.max(0, current - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    setActive(to);
    links.current[to]?.focus();
  };

  return (
    <section className="poster-row" aria-labelledby={headingId} aria-describedby={reasonId}>
      <h2 id={headingId}>{heading}</h2>
      <p id={reasonId} className="poster-row-reason muted">
        {reason}
      </p>
      <ul className="poster-row-list" aria-labelledby={headingId} onKeyDown={onKeyDown}>
        {cards.map((card, index) => (
          <li key={card.key} className="poster-card">
            <a
              href={card.href}
              ref={(el) => {
                links.current[index] = el;
              }}
              tabIndex={index === current ? 0 : -1}
              onFocus={() => setActive(index)}
            >
              <Artwork id={card.artworkId} size="card" />
              <span className="poster-card-title">{card.title}</span>
              {card.subtitle && <span className="poster-card-subtitle">{card.subtitle}</span>}
            </a>
            {card.extra}
          </li>
        ))}
      </ul>
    </section>
  );
}
