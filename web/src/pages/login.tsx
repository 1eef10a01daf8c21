import { useState } from 'preact/hooks';
import { login } from '../api/session';
import { Problem } from '../api/problem';
import { ProblemNote } from '../components/problem';
import { LanguagePicker } from '../components/language';
import { path, navigate } from '../router';
import { t } from '../i18n';

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await login(email.trim(), password);
      if (path.value === '/login') navigate('/', true);
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  const wrong = problem instanceof Problem && problem.status === 401;
  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <div class="brand">Frontdesk</div>
        <h1 id="login-title">{t('login.title')}</h1>
        <label class="field">
          <span class="field-label">{t('login.email')}</span>
          <input name="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field-label">{t('login.password')}</span>
          <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        {wrong ? (
          <p class="problem" role="alert" data-testid="problem">{t('login.wrong')}</p>
        ) : (
          <ProblemNote problem={problem} />
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('login.signing_in') : t('login.submit')}
        </button>
        <LanguagePicker />
      </form>
    </main>
  );
}
