import { connectionLost } from '../api/connection';
import { t } from '../i18n';

/** Shown while the server cannot be reached; the app retries by itself. */
export function ConnectionBanner() {
  if (!connectionLost.value) return null;
  return (
    <div class="banner banner-offline" role="alert" data-testid="offline-banner">
      {t('connection.lost')}
    </div>
  );
}
