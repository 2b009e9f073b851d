// minibatch-lab's service worker: the site works offline after the first visit. A template: the
// build (the minibatch-lab-sw plugin in vite.config.ts) replaces the two placeholders below with
// the build's files and a hash of their contents, and writes it to dist/sw.js. Every URL is
// relative to the worker's own location, so the site works from any sub-path.
//
// - install: caches every file of the build (no source maps), then takes over at once;
// - activate: deletes the caches of older builds;
// - fetch: only same-origin GET requests are answered here (nothing else is touched, and nothing
//   is ever fetched from another origin). Page loads go to the network first, so a new deploy is
//   seen at once, and fall back to the cached page offline; other files come from the cache first
//   (their names carry content hashes) and are cached on first fetch if the build did not list them.
/// <reference lib="webworker" />
// Type-checked (tsconfig.sw.json): this runs as a service worker, so `self` is its
// ServiceWorkerGlobalScope; the WebWorker lib types `self` as any worker's, hence the cast.
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const VERSION = '__SW_VERSION__';
const PRECACHE = __SW_PRECACHE__;
const CACHE = `minibatch-lab-${VERSION}`;
const PREFIX = 'minibatch-lab-';
const scope = new URL('./', sw.location.href);
const pageUrl = new URL('index.html', scope).href;
// ignoreVary: servers answer `Vary: Origin`, and module scripts are requested with an Origin header
// that the precache's own requests did not have; ignoreSearch: `?batch=3` is the same page.
const MATCH = { ignoreSearch: true, ignoreVary: true };

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(PRECACHE.map((path) => new Request(new URL(path, scope).href, { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

/** @param {Request} request */
async function pageFromNetworkThenCache(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    const cached = (await cache.match(request, MATCH)) ?? (await cache.match(pageUrl, MATCH));
    if (cached) return cached;
    throw error;
  }
}

/** @param {Request} request */
async function fromCacheThenNetwork(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, MATCH);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || !url.href.startsWith(scope.href)) return;
  event.respondWith(request.mode === 'navigate' ? pageFromNetworkThenCache(request) : fromCacheThenNetwork(request));
});
