// Registers the offline service worker (sw.js, next to this file) for the hosted build.
// A static file, not an inline script, so the page runs under `script-src 'self'`.
//
// Registered only where it helps and cannot hurt:
// - http(s) only: file:// has no service workers (fahras.html is the offline file there);
// - only in a top-level page or a frame of the same origin: in a cross-origin frame the
//   worker's storage would be partitioned per host site (or refused in sandboxed frames), so an
//   embedded explorer simply uses the network and leaves the host's origin alone.
// Failures are informational: the app works without the worker.
(() => {
  'use strict';
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  if (!('serviceWorker' in navigator)) return;
  let sameOriginTop = false;
  try {
    sameOriginTop = window.top === window || window.top.location.origin === location.origin;
  } catch {
    // Reading a cross-origin top's location throws: that is the embedded case.
  }
  if (!sameOriginTop) return;
  const script = document.currentScript;
  const swUrl = new URL('sw.js', script ? script.src : location.href);
  // A split corpus (`fahras build --split`) loads pieces as views need them; once the page is
  // idle the worker keeps the rest, and says how that goes: the state goes to
  // globalThis.fahrasOffline and a `fahras-offline` event (the app shows it).
  navigator.serviceWorker.addEventListener('message', (e) => {
    if (!e.data || e.data.type !== 'fahras-offline') return;
    globalThis.fahrasOffline = e.data.state;
    if (e.data.state === 'ready') globalThis.fahrasPieces?.useKept(e.data.packs || []);
    dispatchEvent(new CustomEvent('fahras-offline', { detail: e.data.state }));
  });
  navigator.serviceWorker.startMessages();
  const keepWhenIdle = (reg) => {
    const ask = () => reg.active && reg.active.postMessage({ type: 'fahras-keep-packs' });
    const idle = globalThis.requestIdleCallback || ((f) => setTimeout(f, 1));
    setTimeout(() => idle(ask, { timeout: 5000 }), 2000);
  };
  const register = () => {
    navigator.serviceWorker.register(swUrl, { updateViaCache: 'none' })
      .then(() => navigator.serviceWorker.ready)
      .then(keepWhenIdle)
      .catch((e) => {
        console.info('fahras: offline use is not available here:', e && e.message);
      });
  };
  // After the page's own corpus has arrived (web/corpus-loader.js): the worker precaches the
  // corpus too, and on a slow link a second download at the same time would delay the first
  // results (measured by bench/hosted.mjs).
  const whenLoaded = () => {
    if (document.readyState === 'complete') register();
    else addEventListener('load', register, { once: true });
  };
  Promise.resolve(globalThis.fahrasCorpus).then(whenLoaded, whenLoaded);
})();
