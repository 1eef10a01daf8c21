import { me, logout } from '../api/session';
import { t } from '../i18n';

/** For people in several clinics: which one to work in now. */
export function ClinicPicker() {
  const m = me.value!;
  return (
    <main class="picker">
      <div class="card">
        <h1>{t('picker.title')}</h1>
        <ul class="picker-list">
          {m.memberships.map((c) => (
            <li key={c.slug}>
              <a href={`/c/${c.slug}/calendar`} class="picker-item">
                <strong>{c.name}</strong>
                <span class="muted">{t(`role.${c.role}` as any)}</span>
              </a>
            </li>
          ))}
          {m.account.hq_role ? (
            <li>
              <a href="/hq" class="picker-item">
                <strong>{t('hq.title')}</strong>
                <span class="muted">{t('hq.subtitle')}</span>
              </a>
            </li>
          ) : null}
        </ul>
        <button class="link" onClick={() => void logout()}>
          {t('nav.logout')}
        </button>
      </div>
    </main>
  );
}
