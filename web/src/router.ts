// Client routes on the History API: the server answers index.html for every page path.
import { signal } from '@preact/signals';

export const path = signal(location.pathname);
export const search = signal(location.search);

export function navigate(to: string, replace = false): void {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.value = location.pathname;
  search.value = location.search;
}

addEventListener('popstate', () => {
  path.value = location.pathname;
  search.value = location.search;
});

/** `/c/{slug}/{section}/{rest…}` split into its parts, or null. */
export function clinicRoute(p: string): { slug: string; section: string; rest: string[] } | null {
  const parts = p.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'c' || !parts[1]) return null;
  return { slug: parts[1], section: parts[2] ?? '', rest: parts.slice(3) };
}

/** Intercepts clicks on in-app links so they do not reload the page. */
export function linkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element).closest('a');
  if (!a || a.target || a.origin !== location.origin) return;
  const href = a.getAttribute('href') ?? '';
  if (!href.startsWith('/') || href.startsWith('/api/') || href.startsWith('/chat/') || href.startsWith('/docs')) return;
  e.preventDefault();
  navigate(href);
}
