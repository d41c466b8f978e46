import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './app/App';
import { StoreProvider } from './app/StoreProvider';
import { createAppStore } from './app/store';
import { createApi } from './lib/api';
import { MissingToken } from './ui/FullScreenMessage';
import './styles.css';

// zod probes `new Function` to speed up parsing; under our CSP (no 'unsafe-eval') that probe is
// reported as a violation on every start, so turn it off.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const api = createApi();
createRoot(container).render(
  <StrictMode>
    {api ? (
      <StoreProvider store={createAppStore({ api })}>
        <App />
      </StoreProvider>
    ) : (
      <MissingToken />
    )}
  </StrictMode>,
);
