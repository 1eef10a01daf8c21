import { useEffect } from 'preact/hooks';
import { path, clinicRoute, navigate } from '../router';
import { me, account, logout } from '../api/session';
import { openClinic, clinicView, clinicError } from '../clinic';
import { followInbox, onInboxEvent, live } from '../api/events';
import { unreadTotal, countUnread } from '../unread';
import { chime } from '../notify';
import { ProblemNote } from '../components/problem';
import { LanguagePicker } from '../components/language';
import { lazyPage } from '../components/lazy';
import { Icon } from '../components/icon';
import { t, type Key } from '../i18n';

const CalendarPage = lazyPage(() => import('./calendar'));
const InboxPage = lazyPage(() => import('./inbox'));
const PatientsPage = lazyPage(() => import('./patients'));
const KnowledgePage = lazyPage(() => import('./knowledge'));
const SettingsPage = lazyPage(() => import('./settings'));

// A clinic page opened by its address (a reload, a link) starts loading with the app, not
// after the session and the clinic have.
const PAGES: Record<string, { preload: () => void }> = { calendar: CalendarPage, inbox: InboxPage, patients: PatientsPage, knowledge: KnowledgePage, settings: SettingsPage };
const opened = clinicRoute(location.pathname);
if (opened) PAGES[opened.section || 'calendar']?.preload();

const SECTIONS: { id: string; label: Key }[] = [
  { id: 'calendar', label: 'nav.calendar' },
  { id: 'inbox', label: 'nav.inbox' },
  { id: 'patients', label: 'nav.patients' },
  { id: 'knowledge', label: 'nav.knowledge' },
  { id: 'settings', label: 'nav.settings' },
];

/** The frame around a clinic's pages: its name, the sections, who is signed in. */
export function ClinicShell() {
  const route = clinicRoute(path.value)!;
  const { slug, section } = route;
  const view = clinicView.value;

  useEffect(() => {
    void openClinic(slug);
    const stop = new AbortController();
    void followInbox(slug, stop.signal);
    const off = onInboxEvent((type, e) => {
      if (type === 'message' || type === 'conversation' || type === 'ready' || type === 'resync') countUnread(slug, 150);
      if (type === 'message' && e?.from?.startsWith('inbound')) chime();
    });
    countUnread(slug);
    return () => {
      stop.abort();
      off();
    };
  }, [slug]);

  useEffect(() => {
    if (!section) navigate(`/c/${slug}/calendar`, true);
  }, [slug, section]);

  if (clinicError.value) {
    return (
      <main class="empty-page">
        <ProblemNote problem={clinicError.value} />
        <a href="/">{t('picker.title')}</a>
      </main>
    );
  }
  if (!view || view.slug !== slug) return <p class="loading">{t('common.loading')}</p>;

  const several = (me.value?.memberships.length ?? 0) > 1 || !!account.value?.hq_role;
  let page;
  switch (section) {
    case 'calendar':
      page = <CalendarPage />;
      break;
    case 'inbox':
      page = <InboxPage />;
      break;
    case 'patients':
      page = <PatientsPage />;
      break;
    case 'knowledge':
      page = <KnowledgePage />;
      break;
    case 'settings':
      page = <SettingsPage />;
      break;
    default:
      page = <p class="empty-page">{t('common.not_found')}</p>;
  }
  return (
    <div class="shell">
      <header class="topbar">
        <div class="topbar-clinic">
          {several ? (
            <a href="/" class="clinic-switch" title={t('picker.switch')}>
              {view.name} ▾
            </a>
          ) : (
            <span class="clinic-name">{view.name}</span>
          )}
          <span class={'live-dot' + (live.value ? ' on' : '')} title={live.value ? t('inbox.live') : t('inbox.not_live')} />
        </div>
        <nav class="sections" aria-label={t('nav.sections')}>
          {SECTIONS.map((s) => (
            <a key={s.id} href={`/c/${slug}/${s.id}`} class={'section-link' + (s.id === section ? ' active' : '')} aria-current={s.id === section ? 'page' : undefined} data-section={s.id}>
              <span class="section-icon">
                <Icon name={s.id} />
              </span>
              <span class="section-label">{t(s.label)}</span>
              {s.id === 'inbox' && unreadTotal.value > 0 ? (
                <span class="badge" data-testid="unread-badge">
                  {unreadTotal.value}
                </span>
              ) : null}
            </a>
          ))}
        </nav>
        <div class="topbar-person">
          <LanguagePicker />
          <span class="person-name" title={account.value?.email}>
            {account.value?.name}
          </span>
          <button class="link" onClick={() => void logout()} data-testid="logout">
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main class="page" data-page={section}>
        {page}
      </main>
    </div>
  );
}
