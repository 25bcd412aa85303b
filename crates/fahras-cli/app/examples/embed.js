// The host side of examples/embed.html: one explorer from markup, one from a script, and a log
// of what both report. A separate file so the page needs no inline script under a strict CSP.
'use strict';

const log = document.getElementById('log');
function note(who, type, detail) {
  const li = document.createElement('li');
  li.dataset.who = who;
  li.dataset.type = type;
  li.dataset.detail = JSON.stringify(detail);
  li.textContent = `${who}: ${type} ${JSON.stringify(detail)}`;
  log.append(li);
}

// 1. The element in the markup: listen to its DOM events.
// This script may run after that explorer has started: `ready` is a promise for that reason,
// and its current search can be read from `query` and `results`.
const first = document.getElementById('by-element');
first.ready.then(() => note('element', 'fahras-ready', {}));
for (const type of ['fahras-search', 'fahras-article']) {
  first.addEventListener(type, (e) => note('element', type, e.detail));
}

// 2. Mounted from this script, with callbacks.
const second = Fahras.mount('#by-script', {
  query: 'بوتين',
  lang: 'en',
  height: 460,
  onReady: (d) => note('script', 'fahras-ready', d),
  onSearch: (d) => note('script', 'fahras-search', d),
  onArticle: (d) => note('script', 'fahras-article', d),
});

// Commands go to one explorer only; the other is not affected.
document.getElementById('ask-kremlin').addEventListener('click', () => second.setQuery('الكرملين'));
let lastOpened = null;
first.addEventListener('fahras-article', (e) => { lastOpened = e.detail.id; });
document.getElementById('open-same').addEventListener('click', () => {
  if (lastOpened) second.openArticle(lastOpened);
});
