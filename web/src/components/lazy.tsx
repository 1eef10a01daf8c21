import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { t } from '../i18n';
import { markLost, back } from '../api/connection';

/** A page whose code is fetched when first shown (keeps the first screen small). */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> & { preload: () => void } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  // A chunk that cannot be fetched (the connection is down) is fetched again once it is back.
  const fetchOnce = (): Promise<{ default: ComponentType<P> }> =>
    (pending ??= load().catch(async () => {
      markLost();
      await back();
      pending = null;
      return fetchOnce();
    }));
  function LazyPage(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (!C) void fetchOnce().then((m) => setC(() => (loaded = m.default)));
    }, []);
    return C ? <C {...props} /> : <p class="loading">{t('common.loading')}</p>;
  }
  /** Starts fetching the page's code now (while the session and the clinic load). */
  LazyPage.preload = () => void fetchOnce();
  return LazyPage;
}
