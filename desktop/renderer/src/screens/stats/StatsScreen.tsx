import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

export default function StatsScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.stats')}>{null}</Page>;
}
