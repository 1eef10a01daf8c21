import { useState } from 'preact/hooks';
import { me, logout, invitations, loadMe } from '../api/session';
import { post } from '../api/client';
import { ProblemNote } from '../components/problem';
import { t, type Key } from '../i18n';

/** For people in several clinics: which one to work in now; and invitations to answer. */
export function ClinicPicker() {
  const m = me.value!;
  const [problem, setProblem] = useState<unknown>(null);

  async function join(id: string) {
    setProblem(null);
    try {
      await post(`/api/v1/me/invitations/${id}/accept`);
      await loadMe();
    } catch (e) {
      setProblem(e);
    }
  }

  return (
    <main class="picker">
      <div class="card">
        {invitations.value.length ? (
          <section data-testid="invitations">
            <h2>{t('picker.invitations')}</h2>
            <ul class="picker-list">
              {invitations.value.map((i) => (
                <li key={i.invitation.id} class="picker-item">
                  <span>
                    <strong>{i.clinic.name}</strong> <span class="muted">{t(`role.${i.invitation.role}` as Key)}</span>
                  </span>
                  <button class="primary" onClick={() => void join(i.invitation.id)}>
                    {t('picker.join')}
                  </button>
                </li>
              ))}
            </ul>
            <ProblemNote problem={problem} />
          </section>
        ) : null}
        <h1>{t('picker.title')}</h1>
        <ul class="picker-list">
          {m.memberships.map((c) => (
            <li key={c.slug}>
              <a href={`/c/${c.slug}/calendar`} class="picker-item">
                <strong>{c.name}</strong>
                <span class="muted">{t(`role.${c.role}` as Key)}</span>
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
        <button class="link" onClick={() => void logout()} data-testid="logout">
          {t('nav.logout')}
        </button>
      </div>
    </main>
  );
}
