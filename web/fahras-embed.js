/*! Fahras embed loader: puts the Fahras explorer into any page.
 *
 *   <script src="https://your.host/fahras/fahras-embed.js" defer></script>
 *   <fahras-explorer query="ترمب" lang="ar" height="600px"></fahras-explorer>
 *
 * or from a script: `Fahras.mount(element, { query, lang, theme, src, width, height, import,
 * onSearch, onArticle, onReady })`. `import` (an attribute, or `true`) lets the reader open their
 * own articles in the frame ("Open articles"; read in their browser, never sent to the host).
 *
 * Each explorer is an <iframe> inside the element's shadow root (the host's styles and the
 * explorer's never meet). The frame is told the host's origin in its URL and talks to it with
 * postMessage: the element fires `fahras-ready`, `fahras-search` ({query, results}) and
 * `fahras-article` ({id}) DOM events, and has `setQuery(q)`, `openArticle(id)`, the `ready`
 * promise (for scripts that may run after the frame started) and `query`/`results`.
 * Messages are matched to their element by `event.source` and checked for the frame's origin,
 * so any number of explorers work side by side. No inline styles or scripts: the loader runs
 * under a host CSP of `script-src <this file's origin>; frame-src <src's origin>`.
 */
(() => {
  'use strict';
  if (!window.customElements || customElements.get('fahras-explorer')) return;

  const MAX_QUERY = 1000;
  const MAX_ID = 200;
  const LOADER_URL = (document.currentScript && document.currentScript.src) || location.href;
  // The explorer next to this file, unless an element says otherwise.
  const DEFAULT_SRC = new URL('index.html', LOADER_URL).href;
  const CSS = ':host{display:block;inline-size:100%}'
    + 'iframe{display:block;border:0;inline-size:100%;block-size:600px;background:transparent}';
  const live = new Set();

  const cssSupports = (prop, value) => !window.CSS || !CSS.supports || CSS.supports(prop, value);
  const isText = (v, max) => typeof v === 'string' && v.length <= max;
  const isPlain = (d) => d !== null && typeof d === 'object' && Object.getPrototypeOf(d) === Object.prototype;

  function styleShadow(root) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      // Browsers without constructable sheets (a host CSP may block this <style>).
      const style = document.createElement('style');
      style.textContent = CSS;
      root.append(style);
    }
  }

  class FahrasExplorer extends HTMLElement {
    static get observedAttributes() { return ['src', 'query', 'lang', 'theme', 'width', 'height', 'label', 'import']; }

    constructor() {
      super();
      this._root = this.attachShadow({ mode: 'open' });
      styleShadow(this._root);
      this._frame = null;
      this._ready = false;
      this._queue = [];
      this._query = null;
      this._results = null;
      // Sticky, unlike the event: a host script that runs after the frame started still knows.
      this._readyPromise = new Promise((resolve) => { this._resolveReady = resolve; });
    }

    /** Resolves (with the element) when the explorer first reports `fahras:ready`. */
    get ready() { return this._readyPromise; }

    /** The query the explorer last reported (or was given), and its result count. */
    get query() { return this._query ?? (this.getAttribute('query') || ''); }
    get results() { return this._results; }
    get frame() { return this._frame; }

    setQuery(query) {
      if (!isText(query, MAX_QUERY)) throw new TypeError(`Fahras: a query is a string of at most ${MAX_QUERY} characters`);
      this._query = query;
      this._send({ type: 'fahras:set-query', query });
    }

    openArticle(id) {
      if (!isText(id, MAX_ID) || !id) throw new TypeError(`Fahras: an article id is a string of 1 to ${MAX_ID} characters`);
      this._send({ type: 'fahras:open-article', id });
    }

    connectedCallback() {
      live.add(this);
      if (!this._frame) this._build();
    }

    disconnectedCallback() { live.delete(this); }

    attributeChangedCallback(name, old, value) {
      if (!this._frame || old === value) return;
      if (name === 'query') {
        if ((value || '') !== this.query) this.setQuery(value || '');
      } else if (name === 'width' || name === 'height') {
        this._size();
      } else if (name === 'label') {
        this._frame.title = this._label();
      } else {
        this._navigate();
      }
    }

    _src() { return new URL(this.getAttribute('src') || DEFAULT_SRC, location.href); }
    _label() { return this.getAttribute('label') || 'فهرس · Fahras'; }

    _url() {
      const url = this._src();
      const params = [['embed', '1']];
      const q = this.query;
      if (q) params.push(['q', q]);
      for (const k of ['lang', 'theme']) {
        const v = this.getAttribute(k);
        if (v) params.push([k, v]);
      }
      // `import`: the embedded explorer offers "Open articles" (the reader's files stay in the frame).
      if (this.hasAttribute('import') && this.getAttribute('import') !== 'false') params.push(['import', '1']);
      // A page from file:// has the opaque origin "null": nothing can be addressed to it.
      if (location.origin !== 'null') params.push(['origin', location.origin]);
      url.hash = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      return url.href;
    }

    _size() {
      for (const [attr, prop] of [['width', 'inline-size'], ['height', 'block-size']]) {
        const v = this.getAttribute(attr);
        const css = v && /^\d+(\.\d+)?$/.test(v) ? `${v}px` : v;
        // CSSOM, not a style="" attribute: allowed under a strict host CSP.
        if (css && cssSupports(prop, css)) this._frame.style.setProperty(prop, css);
        else this._frame.style.removeProperty(prop);
      }
    }

    _build() {
      const frame = document.createElement('iframe');
      frame.title = this._label();
      frame.setAttribute('part', 'frame');
      this._frame = frame;
      this._size();
      frame.src = this._url();
      this._root.append(frame);
    }

    _navigate() {
      const next = this._url();
      // Only the fragment changes: the running explorer follows it (no reload, no new ready).
      if (next.split('#')[0] !== this._frame.src.split('#')[0]) this._ready = false;
      this._frame.src = next;
    }

    _origin() { return this._src().origin; }

    _send(msg) {
      if (!this._ready || !this._frame || !this._frame.contentWindow) {
        // Before `fahras:ready` the frame cannot listen yet; a newer query replaces an older one.
        if (msg.type === 'fahras:set-query') this._queue = this._queue.filter((m) => m.type !== msg.type);
        this._queue.push(msg);
        return;
      }
      this._frame.contentWindow.postMessage(msg, this._origin());
    }

    _receive(data) {
      if (!isPlain(data) || typeof data.type !== 'string') return;
      const fire = (name, detail) => this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
      switch (data.type) {
        case 'fahras:ready': {
          this._ready = true;
          const queued = this._queue;
          this._queue = [];
          for (const m of queued) this._send(m);
          this._resolveReady(this);
          fire('fahras-ready', {});
          break;
        }
        case 'fahras:search':
          if (!isText(data.query, MAX_QUERY) || !Number.isInteger(data.results) || data.results < 0) return;
          this._query = data.query;
          this._results = data.results;
          fire('fahras-search', { query: data.query, results: data.results });
          break;
        case 'fahras:article':
          if (!isText(data.id, MAX_ID) || !data.id) return;
          fire('fahras-article', { id: data.id });
          break;
        default:
      }
    }
  }

  // One listener for every explorer on the page: a message belongs to the element whose frame
  // sent it, and only if it comes from the origin that frame was loaded from.
  window.addEventListener('message', (event) => {
    for (const el of live) {
      if (el._frame && event.source === el._frame.contentWindow) {
        if (event.origin === el._origin()) el._receive(event.data);
        return;
      }
    }
  });

  customElements.define('fahras-explorer', FahrasExplorer);

  /** Mounts an explorer into `target` (an element or a CSS selector); returns the element. */
  function mount(target, options = {}) {
    const host = typeof target === 'string' ? document.querySelector(target) : target;
    if (!host) throw new Error(`Fahras.mount: no element ${target}`);
    const el = document.createElement('fahras-explorer');
    for (const k of ['src', 'query', 'lang', 'theme', 'width', 'height', 'label']) {
      if (options[k] != null) el.setAttribute(k, String(options[k]));
    }
    if (options.import) el.setAttribute('import', '');
    const on = { onReady: 'fahras-ready', onSearch: 'fahras-search', onArticle: 'fahras-article' };
    for (const [opt, type] of Object.entries(on)) {
      if (typeof options[opt] === 'function') el.addEventListener(type, (e) => options[opt](e.detail, el));
    }
    host.append(el);
    return el;
  }

  window.Fahras = Object.freeze({ mount, version: 1 });
})();
