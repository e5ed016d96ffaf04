import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { pickClient } from '../api/pick-client';
import { App } from './app';
import { loadLanguage, saveLanguage } from '../i18n/language-storage';
import { createDeskActions } from '../state/desk-actions';
import { DeskProvider } from '../state/desk-context';
import { createDeskStore } from '../state/desk-store';
import '../styles/base.css';
import '../styles/layout.css';
import '../styles/grid.css';
import '../styles/viewer.css';
import '../styles/dialogs.css';
import '../styles/capture.css';
import '../styles/sync.css';
import '../styles/filing.css';
import '../styles/ocr.css';
import '../styles/backfile.css';
import '../styles/search.css';
import '../styles/stats.css';
import '../styles/scheme-admin.css';

// Under the strict CSP (no 'unsafe-eval') zod's probe for compiled parsers is reported as a
// violation even though zod recovers; jitless parsing avoids the probe. Must run before any parse.
z.config({ jitless: true });

// The imperative shell: pick the transport, restore the language, build the store and actions
// once, then hand them to React. Everything below works on these instances only.
const storage = safeLocalStorage();
const client = pickClient(window);
const store = createDeskStore(loadLanguage(storage));
const actions = createDeskActions({ client, store, persistLanguage: (language) => saveLanguage(storage, language) });

store.subscribe((state, previous) => {
  if (state.language !== previous.language) document.documentElement.lang = state.language;
});
document.documentElement.lang = store.getState().language;

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <DeskProvider client={client} store={store} actions={actions}>
      <App />
    </DeskProvider>
  </StrictMode>,
);

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
