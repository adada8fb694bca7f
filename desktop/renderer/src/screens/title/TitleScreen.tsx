import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';

export default function TitleScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.title')}>{null}</Page>;
}
