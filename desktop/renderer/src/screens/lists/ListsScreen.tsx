import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

export default function ListsScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.lists')}>{null}</Page>;
}
