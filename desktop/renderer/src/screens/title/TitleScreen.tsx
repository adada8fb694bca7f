import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../../app/router';
import { useQuery } from '../../core';
import { Page } from '../../ui/Page';
import { ErrorMessage, Loading } from '../../ui/Status';
import { CopiesSection } from './CopiesSection';
import { EditDetailsDialog } from './EditDetailsDialog';
import { HistorySection } from './HistorySection';
import { ListsAndTags } from './ListsAndTags';
import { MoreInfo } from './MoreInfo';
import { People } from './People';
import { RemoveTitleDialog } from './RemoveTitleDialog';
import { SeriesLink } from './SeriesLink';
import { SimilarTitles } from './SimilarTitles';
import { TitleHero } from './TitleHero';
import { YourTake } from './YourTake';
import './title.css';

export default function TitleScreen({ route }: { route: Route }) {
  const id = route.params[0] ?? '';
  // A new id (a similar title was opened) is a new page: fresh dialogs, heading focused again.
  return <TitleDetailsView key={id} id={id} />;
}

function TitleDetailsView({ id }: { id: string }) {
  const { t } = useTranslation('title');
  const details = useQuery('catalog.get', { id }, { enabled: Boolean(id) });
  const [dialog, setDialog] = useState<'edit' | 'remove' | null>(null);
  const title = details.data;

  if (!title) {
    return (
      <Page title={t('common:nav.title')}>
        {details.error ? <ErrorMessage error={details.error} /> : <Loading />}
      </Page>
    );
  }

  return (
    <Page
      title={title.title}
      actions={
        <>
          <button type="button" onClick={() => setDialog('edit')}>
            {t('edit.open')}
          </button>
          <button type="button" className="danger" onClick={() => setDialog('remove')}>
            {t('remove.open')}
          </button>
        </>
      }
    >
      <div className="title-screen">
        <TitleHero title={title} />
        {title.kind === 'series' && <SeriesLink seriesId={title.id} />}
        <div className="title-grid">
          <div className="title-column">
            <YourTake title={title} />
            <HistorySection titleId={title.id} />
            <CopiesSection titleId={title.id} copies={title.copies} />
          </div>
          <div className="title-column">
            <ListsAndTags title={title} />
            <People credits={title.credits} />
            <MoreInfo title={title} />
          </div>
        </div>
        <SimilarTitles id={title.id} />
        <EditDetailsDialog open={dialog === 'edit'} title={title} onClose={() => setDialog(null)} />
        <RemoveTitleDialog open={dialog === 'remove'} title={title} onClose={() => setDialog(null)} />
      </div>
    </Page>
  );
}
