import { useEffect, useState } from 'preact/hooks';
import { get, post, patch, del, clinicPath } from '../api/client';
import { account } from '../api/session';
import { slug, zone, role as myRole } from '../clinic';
import { ProblemNote, Field } from '../components/problem';
import type { MemberList, InviteOutcome, Role } from '../api/types';
import { t, type Key } from '../i18n';
import * as fmt from '../format';

const ROLES: Role[] = ['owner', 'admin', 'staff', 'practitioner'];

/** Who works here, open invitations, and inviting someone (with the link to give them). */
export function TeamCard() {
  const [list, setList] = useState<MemberList | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [email, setEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<Role>('staff');
  const [inviteProblem, setInviteProblem] = useState<unknown>(null);
  const [link, setLink] = useState<string | null>(null);
  const base = clinicPath(slug.value);
  const manager = myRole.value === 'owner' || myRole.value === 'admin';

  async function load() {
    try {
      setList(await get<MemberList>(`${base}/members`));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), []);

  async function invite(e: Event) {
    e.preventDefault();
    setInviteProblem(null);
    setLink(null);
    try {
      const outcome = await post<InviteOutcome>(`${base}/members`, { email: email.trim(), role: inviteRole });
      setLink(`${location.origin}/invite?token=${encodeURIComponent(outcome.token)}&email=${encodeURIComponent(email.trim())}`);
      setEmail('');
      void load();
    } catch (err) {
      setInviteProblem(err);
    }
  }

  async function change(accountId: string, to: Role) {
    setProblem(null);
    try {
      await patch(`${base}/members/${accountId}`, { role: to });
    } catch (e) {
      setProblem(e);
    }
    void load();
  }

  async function remove(accountId: string) {
    setProblem(null);
    try {
      await del(`${base}/members/${accountId}`);
    } catch (e) {
      setProblem(e);
    }
    void load();
  }

  async function revoke(id: string) {
    setProblem(null);
    try {
      await del(`${base}/invitations/${id}`);
    } catch (e) {
      setProblem(e);
    }
    void load();
  }

  return (
    <section class="card" data-testid="team">
      <h2>{t('team.title')}</h2>
      <ProblemNote problem={problem} />
      <table class="table" data-testid="members">
        <thead>
          <tr>
            <th>{t('patients.name')}</th>
            <th class="hide-narrow">{t('login.email')}</th>
            <th>{t('team.role')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list?.members.map((m) => (
            <tr key={m.account_id} data-member={m.email}>
              <td>{m.name}</td>
              <td class="hide-narrow">{m.email}</td>
              <td>
                {manager && m.account_id !== account.value?.id ? (
                  <select aria-label={t('team.role')} name="member-role" onChange={(e) => void change(m.account_id, e.currentTarget.value as Role)}>
                    {ROLES.map((r) => (
                      <option value={r} key={r} selected={m.role === r}>
                        {t(`role.${r}` as Key)}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(`role.${m.role}` as Key)
                )}
              </td>
              <td>
                {manager && m.account_id !== account.value?.id ? (
                  <button class="link" onClick={() => void remove(m.account_id)} data-testid="remove-member">
                    {t('team.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list?.invitations.length ? (
        <>
          <h3>{t('team.invitations')}</h3>
          <ul data-testid="open-invitations">
            {list.invitations.map((i) => (
              <li key={i.id}>
                {i.email} · {t(`role.${i.role}` as Key)} · <span class="muted">{t('team.expires', { date: fmt.date(i.expires_at, zone.value) })}</span>{' '}
                {manager ? (
                  <button class="link" onClick={() => void revoke(i.id)}>
                    {t('team.revoke')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {manager ? (
        <form class="form-grid" onSubmit={invite} data-testid="invite-form" noValidate>
          <Field label={t('team.invite_email')} name="email" problem={inviteProblem}>
            <input name="invite-email" type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </Field>
          <Field label={t('team.role')} name="role" problem={inviteProblem}>
            <select name="invite-role" onChange={(e) => setInviteRole(e.currentTarget.value as Role)}>
              {ROLES.map((r) => (
                <option value={r} key={r} selected={inviteRole === r}>
                  {t(`role.${r}` as Key)}
                </option>
              ))}
            </select>
          </Field>
          <ProblemNote problem={inviteProblem} fields={['email', 'role']} />
          <div class="row">
            <button type="submit" class="primary" data-testid="invite">
              {t('team.invite')}
            </button>
          </div>
        </form>
      ) : null}
      {link ? (
        <div class="ok" role="status">
          {t('team.link_hint')}
          <input class="invite-link" readOnly value={link} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </section>
  );
}
