// Injected into the app page by bench/app.mjs: times each edit of the search box from the
// `beforeinput` event (window, capture phase: before the app sees it) to
//   dom   — the first mutation of .result-list after it (the list reflects the new query);
//   paint — the first frame after that work: a requestAnimationFrame queued at the event runs
//           only once the event's tasks and microtasks (Leptos' effects) are done, and a
//           setTimeout(0) from it runs after that frame's style, layout and paint.
// A keystroke that leaves the list unchanged (same hits) records no `dom` time.
//   facets — the first frame after the facet panel changed for this edit, recorded even when
//           it comes after `paint` (while typing, the app redraws the panel one frame behind
//           the list): read the record again a moment after `paint` to see it.
// A split corpus fetching pieces for the edit ([data-piece-loading] shown) is waited for: the
// paint is the first frame after the list shows the edit's results, fetches included.
(() => {
  const now = () => performance.now();
  const fb = (window.__fb = { records: [], waiters: [], current: null, last: null });
  const finish = (rec) => {
    rec.items = document.querySelectorAll('.result-list > li').length;
    fb.records.push(rec);
    if (fb.current === rec) fb.current = null;
    const ws = fb.waiters.splice(0);
    ws.forEach((w) => w());
  };
  window.addEventListener('beforeinput', (e) => {
    if (!(e.target instanceof HTMLInputElement) || e.target.id !== 'q') return;
    const rec = { t0: now(), type: e.inputType };
    fb.current = rec;
    fb.last = rec;
    const frame = () => requestAnimationFrame(() => {
      rec.raf ??= now();
      if (document.querySelector('[data-piece-loading]')) {
        rec.fetched = true;
        frame();
        return;
      }
      setTimeout(() => { rec.paint = now(); finish(rec); }, 0);
    });
    frame();
  }, true);
  new MutationObserver(() => {
    const rec = fb.current;
    if (!rec) return;
    // A mutation after the frame would mean the app renders in a later task: kept apart, so
    // the report can show that this does not happen.
    if (rec.raf === undefined) rec.dom ??= now(); else rec.lateDom ??= now();
  }).observe(document.querySelector('.result-list'), { childList: true, subtree: true, characterData: true, attributes: true });
  const facets = document.querySelector('#facets');
  if (facets) {
    new MutationObserver(() => {
      const rec = fb.last;
      if (!rec || rec.facetsDom !== undefined) return;
      rec.facetsDom = now();
      requestAnimationFrame(() => setTimeout(() => { rec.facets = now(); }, 0));
    }).observe(facets, { childList: true, subtree: true, characterData: true, attributes: true });
  }
  /** Resolves when `n` edits have been recorded. */
  fb.waitFor = (n) => new Promise((resolve) => {
    const check = () => (fb.records.length >= n ? resolve(fb.records.length) : fb.waiters.push(check));
    check();
  });
})();
