import { useEffect } from 'preact/hooks';
import { sessionState, me, invitations } from './api/session';
import { path, navigate, clinicRoute } from './router';
import { ConnectionBanner } from './components/banner';
import { LoginPage } from './pages/login';
import { ClinicPicker } from './pages/picker';
import { ClinicShell } from './pages/shell';
import { lazyPage } from './components/lazy';
import { t } from './i18n';

const HqPage = lazyPage(() => import('./pages/hq'));
const InvitePage = lazyPage(() => import('./pages/invite'));

function Home() {
  const m = me.value;
  const waiting = invitations.value.length > 0;
  useEffect(() => {
    if (!m || waiting) return;
    if (m.memberships.length === 1 && !m.account.hq_role) navigate(`/c/${m.memberships[0].slug}/calendar`, true);
    else if (m.memberships.length === 0 && m.account.hq_role) navigate('/hq', true);
  }, [m, waiting]);
  if (!m) return null;
  if (m.memberships.length === 0 && !m.account.hq_role && !waiting) return <p class="empty-page">{t('home.no_clinic')}</p>;
  return <ClinicPicker />;
}

export function App() {
  const state = sessionState.value;
  const p = path.value;
  let page;
  if (state === 'starting') page = <p class="loading">{t('common.loading')}</p>;
  else if (p === '/invite') page = <InvitePage />;
  else if (state === 'signed-out') page = <LoginPage />;
  else if (p === '/hq' || p.startsWith('/hq/')) page = <HqPage />;
  else if (clinicRoute(p)) page = <ClinicShell />;
  else page = <Home />;
  return (
    <>
      <ConnectionBanner />
      {page}
    </>
  );
}
