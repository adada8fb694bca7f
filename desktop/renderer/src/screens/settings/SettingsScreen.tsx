import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { AppearanceSection } from './AppearanceSection';
import { FoldersSection } from './FoldersSection';
import { MetadataSection } from './MetadataSection';
import { PrivacySection, TvSection } from './PrivacySection';
import { SyncSection } from './SyncSection';
import './settings.css';

/** Every section saves on its own: changing the theme never submits a half-typed sync password. */
export default function SettingsScreen() {
  const { t } = useTranslation('settings');
  return (
    <Page title={t('title')}>
      <div className="settings-sections">
        <AppearanceSection />
        <FoldersSection />
        <MetadataSection />
        <SyncSection />
        <PrivacySection />
        <TvSection />
      </div>
    </Page>
  );
}
