import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

export default function DiscoverScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.discover')}>{null}</Page>;
}
