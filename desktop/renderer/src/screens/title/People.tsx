import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Credit } from '@reelshelf/shared/domain';
import { Artwork } from '../../ui/Artwork';

const FIRST_CAST = 12;

/** Directors and the cast in billing order, each with their photo. */
export function People({ credits }: { credits: Credit[] }) {
  const { t } = useTranslation('title');
  const [allCast, setAllCast] = useState(false);
  const directors = credits.filter((c) => c.role === 'crew' && c.job === 'Director');
  const cast = credits
    .filter((c) => c.role === 'cast')
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity));
  if (!directors.length && !cast.length) return null;
  const shown = allCast ? cast : cast.slice(0, FIRST_CAST);

  return (
    <section className="card title-section" aria-labelledby="people-heading">
      <h2 id="people-heading">{t('people.heading')}</h2>
      {directors.length > 0 && (
        <>
          <h3 id="directors-heading">{t('people.directors', { count: directors.length })}</h3>
          <ul className="people" aria-labelledby="directors-heading">
            {directors.map((c) => (
              <PersonCard key={c.id} credit={c} />
            ))}
          </ul>
        </>
      )}
      {cast.length > 0 && (
        <>
          <h3 id="cast-heading">{t('people.cast')}</h3>
          <ul className="people" id="cast-list" aria-labelledby="cast-heading">
            {shown.map((c) => (
              <PersonCard key={c.id} credit={c} />
            ))}
          </ul>
          {cast.length > FIRST_CAST && (
            <button type="button" aria-controls="cast-list" onClick={() => setAllCast(!allCast)}>
              {allCast ? t('people.showFewer') : t('people.showAll', { count: cast.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function PersonCard({ credit }: { credit: Credit }) {
  return (
    <li className="person">
      <Artwork id={credit.person.id} kind="profile" size="thumb" />
      <span className="person-name">{credit.person.name}</span>
      {credit.character && <span className="muted person-role">{credit.character}</span>}
    </li>
  );
}
