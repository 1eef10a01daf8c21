// The UI's words: one JSON catalogue per language; English is loaded with the app, the others
// on demand. The person's choice is kept in localStorage.
import { signal, computed } from '@preact/signals';
import en from './en.json';

export type Language = 'en' | 'tr' | 'pt' | 'es';
export type Key = keyof typeof en;
type Catalogue = Record<Key, string>;

export const LANGUAGES: { code: Language; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'tr', name: 'Türkçe' },
  { code: 'pt', name: 'Português' },
  { code: 'es', name: 'Español' },
];

const STORAGE_KEY = 'frontdesk.language';
const loaders: Record<Language, () => Promise<Catalogue>> = {
  en: async () => en,
  tr: () => import('./tr.json').then((m) => m.default as Catalogue),
  pt: () => import('./pt.json').then((m) => m.default as Catalogue),
  es: () => import('./es.json').then((m) => m.default as Catalogue),
};

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && stored in loaders) return stored as Language;
  const browser = (navigator.language || 'en').slice(0, 2);
  return browser in loaders ? (browser as Language) : 'en';
}

export const language = signal<Language>('en');
const catalogue = signal<Catalogue>(en);

/** BCP 47 locale for Intl formatting. */
export const locale = computed(() => ({ en: 'en-GB', tr: 'tr-TR', pt: 'pt-BR', es: 'es-ES' })[language.value]);

export async function setLanguage(code: Language): Promise<void> {
  const words = await loaders[code]();
  catalogue.value = words;
  language.value = code;
  localStorage.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
}

export function startLanguage(): Promise<void> {
  return setLanguage(initialLanguage());
}

/** The words for `key`, with `{name}` placeholders filled in. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  let text = catalogue.value[key] ?? en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) text = text.split(`{${k}}`).join(String(v));
  return text;
}

/** Upper case as the language writes it (Turkish dotted/dotless i). */
export function upper(text: string): string {
  return text.toLocaleUpperCase(language.value);
}
