import { t } from '../i18n';

export default function Page() {
  return <p class="empty-page">{t('common.loading')}</p>;
}
