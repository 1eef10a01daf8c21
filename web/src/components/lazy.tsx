import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { t } from '../i18n';

/** A page whose code is fetched when first shown (keeps the first screen small). */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function LazyPage(props: P) {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (!C) void load().then((m) => setC(() => (loaded = m.default)));
    }, []);
    return C ? <C {...props} /> : <p class="loading">{t('common.loading')}</p>;
  };
}
