import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

export default function SettingsScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.settings')}>{null}</Page>;
}
