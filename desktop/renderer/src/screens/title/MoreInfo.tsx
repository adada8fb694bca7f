import { useTranslation } from 'react-i18next';
import type { TitleDetails } from '@reelshelf/shared/contracts';
import { useFormat } from '../../i18n/format';

/** What the metadata provider adds: keywords, age ratings, where to watch, and how fresh it is. */
export function MoreInfo({ title }: { title: TitleDetails }) {
  const { t } = useTranslation('title');
  const format = useFormat();
  const regionName = useRegionName(format.locale);
  const offerLabel = useOfferLabel();
  const metadataState = useMetadataState();
  const certifications = Object.entries(title.certifications);
  const byRegion = new Map<string, { offer: string; provider: string }[]>();
  for (const p of title.providers) byRegion.set(p.region, [...(byRegion.get(p.region) ?? []), p]);
  const metadata = title.metadata;
  if (!title.keywords.length && !certifications.length && !byRegion.size && !metadata) return null;

  return (
    <section className="card title-section" aria-labelledby="more-heading">
      <h2 id="more-heading">{t('more.heading')}</h2>
      {title.keywords.length > 0 && (
        <>
          <h3 id="keywords-heading">{t('more.keywords')}</h3>
          <ul className="chips" aria-labelledby="keywords-heading">
            {title.keywords.map((k) => (
              <li key={k} className="chip">
                {k}
              </li>
            ))}
          </ul>
        </>
      )}
      {certifications.length > 0 && (
        <>
          <h3>{t('more.ageRatings')}</h3>
          <dl className="facts">
            {certifications.map(([country, rating]) => (
              <div key={country}>
                <dt>{regionName(country)}</dt>
                <dd>{rating}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {byRegion.size > 0 && (
        <>
          <h3>{t('more.whereToWatch')}</h3>
          <dl className="facts">
            {[...byRegion].map(([region, offers]) => (
              <div key={region}>
                <dt>{regionName(region)}</dt>
                <dd>
                  {format.list(
                    offers.map((o) => t('more.offer', { provider: o.provider, offer: offerLabel(o.offer) })),
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {metadata && (
        <p className="muted">
          {t('more.metadata', { state: metadataState(metadata.state) })}
          {metadata.refreshedAt && (
            <> {t('more.refreshedAt', { date: format.dateTime(metadata.refreshedAt) })}</>
          )}
        </p>
      )}
    </section>
  );
}

function useOfferLabel(): (offer: string) => string {
  const { t } = useTranslation('title');
  return (offer) => {
    switch (offer) {
      case 'flatrate':
        return t('more.offers.flatrate');
      case 'rent':
        return t('more.offers.rent');
      case 'buy':
        return t('more.offers.buy');
      case 'free':
        return t('more.offers.free');
      case 'ads':
        return t('more.offers.ads');
      default:
        return offer;
    }
  };
}

function useMetadataState(): (state: string) => string {
  const { t } = useTranslation('title');
  return (state) => {
    switch (state) {
      case 'queued':
        return t('more.states.queued');
      case 'done':
        return t('more.states.done');
      case 'not-found':
        return t('more.states.not-found');
      case 'ambiguous':
        return t('more.states.ambiguous');
      case 'failed':
        return t('more.states.failed');
      default:
        return state;
    }
  };
}

/** "DE" → "Germany" in the reader's language; the code itself where Intl does not know it. */
function useRegionName(locale: string): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(locale, { type: 'region' });
  } catch {
    names = undefined;
  }
  return (code) => {
    try {
      return names?.of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  };
}
