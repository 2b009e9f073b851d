import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { withUnchosenSpeed } from './engine/classroom-speed';
import { DEFAULT_CONFIG } from './engine/config';
import { loadCustomData } from './state/custom-data-store';
import { RunStore } from './state/run-store';
import { installTestHooks, testHooksEnabled } from './state/test-hooks';
import { TrainerClient } from './state/trainer-client';
import { ExperimentClient } from './state/experiment-client';
import { readExperimentLink } from './state/url-experiment';
import { detectLocale } from './i18n/locale';
import { parseLink } from './state/url';
import { parsePins, parsePresetNote } from './state/url-pins';
import { ErrorBoundary } from './ui/ErrorBoundary';

// The store and the worker live outside React: they outlast renders (and StrictMode's double
// effects), and the worker is started once, with the settings the link asks for.
// The user's CSV data, if this browser stored some: dataset=custom needs it (else: the tutorial's).
const storedData = loadCustomData();
// The link is read once, here: the settings, the page's options, and what it said that was not used.
const defaults = storedData ? { ...DEFAULT_CONFIG, customData: storedData } : DEFAULT_CONFIG;
const link = parseLink(window.location.search, defaults);
// A link without speed= trains tutorial-sized data at a pace a class can follow (classroom-speed.ts).
const config = withUnchosenSpeed(link.config, link.speedChosen);
// The runs the link pins (pin=), trained again once the page has a backend (App).
const linkPins = parsePins(window.location.search, config, defaults);
const linkPreset = parsePresetNote(window.location.search);
// The experiment the link names (its boxes' text, and xrun=1 to start it); its worker starts with the first experiment.
const experimentLink = readExperimentLink(window.location.search);
const experiments = new ExperimentClient();
const store = new RunStore(config);
// The link's lang= first, then the browser's languages (navigator.languages, most preferred first).
const locale =
  link.page.locale ?? detectLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
const testHooks = testHooksEnabled(window.location.search);
const client = new TrainerClient(store, config, undefined, { testHooks });
if (testHooks) installTestHooks(client);
client.start();

// Offline after the first visit (src/sw/sw.js): only in the built site, never under the dev server.
// A relative URL, so the worker and its scope are the folder the site is served from.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((error: unknown) => {
      console.warn('Service worker not registered; the site will not work offline.', error);
    });
  });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App
        store={store}
        client={client}
        initialSettings={config}
        page={link.page}
        urlIgnored={[...link.ignored, ...linkPins.ignored, ...linkPreset.ignored]}
        linkPins={linkPins.pins}
        linkPreset={linkPreset.preset}
        initialLocale={locale}
        speedChosen={link.speedChosen}
        experiments={experiments}
        experimentLink={experimentLink}
      />
    </ErrorBoundary>
  </StrictMode>,
);
