import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

export default function ImportScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.import')}>{null}</Page>;
}
