import { LANGUAGES, language, setLanguage, t, type Language } from '../i18n';

/** The person's UI language, remembered in this browser. */
export function LanguagePicker() {
  return (
    <label class="language-picker">
      <span class="sr-only">{t('common.language')}</span>
      <select aria-label={t('common.language')} value={language.value} onChange={(e) => void setLanguage(e.currentTarget.value as Language)}>
        {LANGUAGES.map((l) => (
          <option value={l.code} key={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
