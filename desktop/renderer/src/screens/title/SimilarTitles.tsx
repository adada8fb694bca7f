import { useTranslation } from 'react-i18next';
import { href } from '../../app/router';
import { useQuery } from '../../core';
import { Artwork } from '../../ui/Artwork';

/** Titles like this one in the library, as a row of posters. */
export function SimilarTitles({ id }: { id: string }) {
  const { t } = useTranslation('title');
  const similar = useQuery('catalog.similar', { id, limit: 12 }, { refreshOn: ['titles'] });
  if (!similar.data?.length) return null;
  return (
    <section className="title-section similar" aria-labelledby="similar-heading">
      <h2 id="similar-heading">{t('similar.heading')}</h2>
      <ul className="poster-row">
        {similar.data.map((s) => (
          <li key={s.id}>
            <a href={href('title', s.id)} className="poster-link">
              <Artwork id={s.id} kind="poster" size="card" />
              <span className="poster-title">{s.title}</span>
              {s.year !== null && <span className="muted poster-year">{s.year}</span>}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
