import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

export default function SeriesScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.series')}>{null}</Page>;
}
