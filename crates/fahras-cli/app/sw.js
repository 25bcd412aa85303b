// Fahras offline service worker. scripts/postbuild.mjs writes dist/sw.js from this template,
// filling in the build id and the app-shell files of that build.
//
// Update: every deploy changes BUILD, so the browser sees a new sw.js on its next check (at each
// navigation). The new worker precaches its whole shell, takes over at once (the app itself has
// no lazily loaded parts, so a running page never needs a file of the old build again; the one
// exception, the importer, is named by hash and fetched from the network when not cached, and a
// page older than a deploy that removed it says the importer could not be loaded), and deletes
// the caches of older builds of this same scope. Pages loaded before pick up the new version on
// their next load.
'use strict';

const BUILD = '__FAHRAS_BUILD__';
const FILES = __FAHRAS_FILES__;
// A split corpus's packs (`fahras build --split`): not in the shell, kept in the background
// when the page asks (once it is idle), then range requests are answered from the cache.
const PACKS = __FAHRAS_PACKS__;

const SCOPE = self.registration.scope;
// Cache names are per origin, not per path: the scope keeps two deployments apart.
const PREFIX = `fahras:${SCOPE}:`;
const CACHE = PREFIX + BUILD;
const SHELL = new Set(FILES.map((f) => new URL(f, SCOPE).href));
const IMPORTER = /\/fahras-import-[0-9a-f]+\.js$/;
const PACK_URLS = new Set(PACKS.map((f) => new URL(f, SCOPE).href));

// Keeps every pack of this build (whole files), once at a time.
let keeping = null;
const packsKept = async () => {
  for (const url of PACK_URLS) {
    if (!(await caches.match(url, { cacheName: CACHE }))) return false;
  }
  return true;
};
const keepPacks = async () => {
  const cache = await caches.open(CACHE);
  for (const url of PACK_URLS) {
    if (await cache.match(url)) continue;
    const res = await fetch(url, { cache: 'default', credentials: 'same-origin' });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await cache.put(url, res);
  }
};
self.addEventListener('message', (event) => {
  if (!event.data || event.data.type !== 'fahras-keep-packs' || PACK_URLS.size === 0) return;
  const reply = (state) => event.source && event.source.postMessage({ type: 'fahras-offline', state, packs: PACKS });
  event.waitUntil((async () => {
    if (await packsKept()) return reply('ready');
    reply('saving');
    keeping = keeping || keepPacks().finally(() => { keeping = null; });
    try {
      await keeping;
      reply('ready');
    } catch (e) {
      console.info('fahras sw: the corpus could not be kept for offline use:', e && e.message);
      reply('failed');
    }
  })());
});

// A range of a kept pack, sliced from the cache (a Blob slice reads only that part). The Blob of
// each kept pack is held while this worker runs: typing asks for ranges at every key.
const blobs = new Map();
const fromKept = async (req, url) => {
  const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.get('range') || '');
  if (!blobs.has(url)) {
    const hit = await caches.match(url, { cacheName: CACHE });
    if (!hit) return fetch(req);
    if (!m) return hit;
    blobs.set(url, await hit.blob());
  }
  const blob = blobs.get(url);
  if (!m) return new Response(blob, { headers: { 'Content-Type': 'application/octet-stream' } });
  const start = Number(m[1]);
  const end = Math.min(Number(m[2]), blob.size - 1);
  if (start > end) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${blob.size}` } });
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      'Content-Range': `bytes ${start}-${end}/${blob.size}`,
      'Content-Length': String(end - start + 1),
      'Content-Type': 'application/octet-stream',
    },
  });
};

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const f of FILES) {
      const url = new URL(f, SCOPE).href;
      // Names with a content hash (corpus-<hash>.fahras, the app's files) cannot be stale: the
      // copy the page just downloaded is taken from the HTTP cache when the host allows, instead
      // of a second download. Anything else ('./', index.html) is fetched afresh ('reload').
      const hashed = /-[0-9a-f]{16}(?:_bg)?\.[a-z]+$/.test(f);
      const res = await fetch(url, { cache: hashed ? 'default' : 'reload', credentials: 'same-origin' });
      if (!res.ok) throw new Error(`fahras sw: ${url} answered ${res.status}`);
      // A redirected response cannot answer a navigation: store a fresh copy of its body.
      await cache.put(url, res.redirected ? new Response(await res.blob(), { headers: res.headers }) : res);
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  url.search = '';
  url.hash = '';
  // The importer (fahras-import-<hash>.js, 8 MB with the entity model) is not part of the shell:
  // it is fetched the first time a reader imports or saves, then kept with this build's files,
  // so importing works offline from then on.
  if (url.href.startsWith(SCOPE) && IMPORTER.test(url.pathname)) {
    event.respondWith((async () => {
      const hit = await caches.match(url.href, { cacheName: CACHE });
      if (hit) return hit;
      const res = await fetch(req);
      if (res.ok && (await caches.has(CACHE))) await (await caches.open(CACHE)).put(url.href, res.clone());
      return res;
    })());
    return;
  }
  if (PACK_URLS.has(url.href)) {
    event.respondWith(fromKept(req, url.href));
    return;
  }
  // Anything else outside the shell (fahras.html, examples, the embed loader) goes to the network
  // untouched.
  if (!SHELL.has(url.href)) return;
  // `caches.match` with a name, not `caches.open`: a page still finishing its load while a newer
  // worker deletes this cache must not re-create it empty.
  event.respondWith((async () => (await caches.match(url.href, { cacheName: CACHE })) || fetch(req))());
});
