import { render } from 'preact';
import { App } from './app';
import { startLanguage } from './i18n';
import { refresh } from './api/session';
import { linkClick } from './router';
import './styles.css';

document.addEventListener('click', linkClick);
const root = document.getElementById('app')!;
void startLanguage().then(() => {
  render(<App />, root);
  // Restore the session from the refresh cookie (stays signed in across reloads).
  void refresh();
});
