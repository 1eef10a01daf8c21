import { useState } from 'preact/hooks';
import { login, sessionState, loadMe } from '../api/session';
import { post } from '../api/client';
import { Problem, problemFrom } from '../api/problem';
import { ProblemNote, Field } from '../components/problem';
import { LanguagePicker } from '../components/language';
import { search, navigate } from '../router';
import { t } from '../i18n';

/** Opening an invitation link: a new person sets their name and password and is signed in;
 * someone already signed in joins with their account. */
export default function InvitePage() {
  const q = new URLSearchParams(search.value);
  const token = q.get('token') ?? '';
  const [email, setEmail] = useState(q.get('email') ?? '');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function accept(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      if (sessionState.value === 'signed-in') {
        await post('/api/v1/me/invitations/accept', { token });
        await loadMe();
      } else {
        const r = await fetch('/api/v1/auth/invitations/accept', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ token, email: email.trim(), name: name.trim(), password }),
        });
        if (!r.ok) throw await problemFrom(r);
        // The new account signs in like everyone else: refresh cookie, token in memory.
        await login(email.trim(), password);
      }
      navigate('/', true);
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  const signedIn = sessionState.value === 'signed-in';
  return (
    <main class="login">
      <form class="card login-card" onSubmit={accept} data-testid="accept-invitation">
        <div class="brand">Frontdesk</div>
        <h1>{t('invite.title')}</h1>
        {!token ? <p class="problem">{t('invite.no_token')}</p> : null}
        {signedIn ? (
          <p>{t('invite.as_you')}</p>
        ) : (
          <>
            <Field label={t('login.email')} name="email" problem={problem}>
              <input name="email" type="email" autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
            </Field>
            <Field label={t('invite.your_name')} name="name" problem={problem}>
              <input name="name" autocomplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </Field>
            <Field label={t('invite.new_password')} name="password" problem={problem} hint={t('invite.password_hint')}>
              <input name="password" type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            </Field>
          </>
        )}
        <ProblemNote problem={problem} fields={signedIn ? [] : ['email', 'name', 'password']} />
        {problem instanceof Problem && problem.status === 400 ? <p class="muted">{t('invite.ask_again')}</p> : null}
        <button type="submit" class="primary" disabled={busy || !token} data-testid="accept">
          {t('invite.accept')}
        </button>
        <LanguagePicker />
      </form>
    </main>
  );
}
