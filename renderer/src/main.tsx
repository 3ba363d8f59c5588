import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installHistoryGuard } from './history-guard.js';
import { KioskShell } from './kiosk/KioskShell.js';
import { readKioskMode } from './kiosk/mode.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// Hash routes (#/publications/…) need no server-side fallback, under app:// and http:// alike.
// With ?kiosk=1 the routes live in memory instead (no history for the next reader to find).
const mode = readKioskMode(window.location.search);
if (mode.kiosk) document.documentElement.dataset.kiosk = '1';
else installHistoryGuard(window.history, window.location);
createRoot(root).render(
  <StrictMode>
    <KioskShell mode={mode} />
  </StrictMode>,
);
