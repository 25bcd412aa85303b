// Fahras import and save, the page's side (web/import.js): runs before the app, with the corpus
// loader, and leaves globalThis.fahrasImport for the app (src/components/import.rs) and the
// loader. The heavy part (the importer's wasm, the entity model, the single-file page) is in
// fahras-import-<hash>.js, named by the page's fahras-import meta tag and loaded only when the
// reader imports or saves, never with the page.
//
// Nothing leaves the machine: files are read by a Web Worker in this browser, the result is kept
// in this browser's IndexedDB (per page address) and the page reloads onto it. No fetch, no
// upload; the only request is for the importer file itself, from where the page came from.
globalThis.fahrasImport = (() => {
  const DB = 'fahras';
  const STORE = 'imports';
  const key = () => location.pathname;

  const packUrl = () => document.querySelector('meta[name="fahras-import"]')?.content || '';

  let pack = null;
  /** The importer file, loaded once as a classic script (the only kind file:// allows). */
  const loadPack = () => {
    if (globalThis.fahrasPack) return Promise.resolve(globalThis.fahrasPack);
    const url = packUrl();
    if (!url) return Promise.reject(new Error('this page names no importer: build it again with `fahras build`'));
    pack ||= new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = url;
      s.onload = () => (globalThis.fahrasPack ? resolve(globalThis.fahrasPack)
        : reject(new Error(`${url} is not a Fahras importer`)));
      s.onerror = () => {
        pack = null;
        s.remove();
        reject(new Error(`${url} could not be loaded: it must sit beside this page, as \`fahras build\` writes it`));
      };
      document.head.append(s);
    });
    return pack;
  };

  /** {file, path, within} for each file of an <input type=file> (files, or a whole folder). */
  const fromInput = (input) => [...(input.files || [])].map((file) => {
    const rel = file.webkitRelativePath || file.name;
    const parts = rel.split('/');
    return { file, path: rel, within: parts.length > 1 ? parts.slice(1).join('/') : rel };
  });

  const readAll = (reader) => new Promise((resolve, reject) => {
    const out = [];
    const next = () => reader.readEntries((batch) => {
      if (!batch.length) return resolve(out);
      out.push(...batch);
      next();
    }, reject);
    next();
  });
  const fileOf = (entry) => new Promise((resolve, reject) => entry.file(resolve, reject));

  /** The files of a drop, folders walked. Entries must be taken during the drop event itself,
   * so this is called from it and returns a promise. */
  const fromDrop = (dataTransfer) => {
    const entries = [];
    const loose = [];
    for (const item of dataTransfer.items || []) {
      if (item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      if (entry) entries.push(entry);
      else if (item.getAsFile()) loose.push(item.getAsFile());
    }
    if (!entries.length && !loose.length) loose.push(...(dataTransfer.files || []));
    return (async () => {
      const out = loose.map((file) => ({ file, path: file.name, within: file.name }));
      const walk = async (dir, root, within) => {
        for (const e of await readAll(dir.createReader())) {
          const sub = within ? `${within}/${e.name}` : e.name;
          if (e.isDirectory) await walk(e, root, sub);
          else out.push({ file: await fileOf(e), path: `${root}/${sub}`, within: sub });
        }
      };
      for (const e of entries) {
        if (e.isDirectory) await walk(e, e.name, '');
        else out.push({ file: await fileOf(e), path: e.name, within: e.name });
      }
      return out;
    })();
  };

  let running = null;
  /** Imports `files` in a worker; `add` keeps the articles shown. Resolves to the worker's
   * {bundle, diagnostics, articles, ms, memory}; rejects on failure or cancel. */
  const start = async (files, add, onProgress) => {
    if (running) throw new Error('an import is already running');
    if (!files.length) throw new Error('no files were chosen');
    const p = await loadPack();
    // From file://, a worker from a blob: URL (the page's policy allows it); on a host, the
    // importer file itself (a host's script-src 'self' allows it, and may forbid blob:).
    const blobUrl = location.protocol === 'file:'
      ? URL.createObjectURL(new Blob([p.source], { type: 'text/javascript' })) : null;
    const worker = new Worker(blobUrl || packUrl());
    const shown = add ? await globalThis.fahrasCorpus : null;
    return new Promise((resolve, reject) => {
      const stop = () => {
        worker.terminate();
        if (blobUrl) URL.revokeObjectURL(blobUrl);
        running = null;
      };
      running = { cancel: () => { stop(); reject(new Error('cancelled')); } };
      worker.onmessage = ({ data: m }) => {
        if (m.type === 'progress') onProgress(m);
        else if (m.type === 'done') { stop(); resolve(m); }
        else if (m.type === 'error') { stop(); reject(new Error(m.message)); }
      };
      worker.onerror = (e) => { e.preventDefault(); stop(); reject(new Error(e.message || 'the importer stopped')); };
      worker.postMessage({ files, corpus: shown ? shown.slice() : null });
    });
  };

  const cancel = () => { if (running) running.cancel(); };

  const db = () => new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const tx = async (mode, f) => {
    const d = await db();
    return new Promise((resolve, reject) => {
      const t = d.transaction(STORE, mode);
      const req = f(t.objectStore(STORE));
      t.oncomplete = () => { d.close(); resolve(req.result); };
      t.onerror = t.onabort = () => { d.close(); reject(t.error || new Error('storage refused')); };
    });
  };

  // A new set of articles starts a new view: only the page's settings carry over (a query,
  // filters or an open article belong to the articles they were made on).
  const SETTINGS = ['lang', 'theme', 'embed', 'origin', 'import'];
  const setImported = (on) => {
    const params = location.hash.slice(1).split('&').filter((p) => SETTINGS.includes(p.split('=')[0]));
    if (on) params.push('imported=1');
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${params.join('&')}`);
  };

  /** Keeps an import's result in this browser and reloads the page onto it. The corpus goes in
   * as a Blob: Chromium refuses a plain value over 128 MiB (31,523 articles are 157 MB), while a
   * Blob is stored beside the database. */
  const keep = async (result, files) => {
    try {
      await tx('readwrite', (s) => s.put({
        bundle: new Blob([result.bundle]), diagnostics: result.diagnostics, articles: result.articles,
        files, date: Date.now(), ms: result.ms, memory: result.memory,
      }, key()));
    } catch (e) {
      throw new Error(`this browser could not keep the imported articles (${e && e.message ? e.message : e})`);
    }
    setImported(true);
    location.reload();
  };

  /** The kept import, if this browser has one for this page (read by the corpus loader). */
  const kept = async () => {
    try {
      const k = await tx('readonly', (s) => s.get(key()));
      if (!k) return null;
      if (k.bundle instanceof Blob) k.bundle = new Uint8Array(await k.bundle.arrayBuffer());
      return k;
    } catch { return null; }
  };

  /** Forgets the kept import and reloads onto the page's own articles. */
  const forget = async () => {
    try { await tx('readwrite', (s) => s.delete(key())); } finally {
      setImported(false);
      location.reload();
    }
  };

  const base64 = (bytes) => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const attr = (v) => v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

  /** Downloads fahras.html: this explorer and the articles shown, in one file. */
  const save = async () => {
    const p = await loadPack();
    const bytes = await globalThis.fahrasCorpus;
    const gz = new Uint8Array(await new Response(new Blob([bytes]).stream()
      .pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    // Built from parts so that this file, inlined in the single-file page, holds neither a
    // closing script tag nor a second copy of the data block's id.
    const open = `id="fahras-${'corpus'}">`;
    const end = '</' + 'script>';
    const block = open + end;
    if (p.template.split(block).length !== 2) throw new Error('the importer has no single-file page');
    const html = p.template
      .replace(block, () => open + base64(gz) + end)
      .replace(`</${'head'}>`, () => `<meta name="fahras-import" content="${attr(packUrl())}">\n</${'head'}>`);
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'fahras.html';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
    return html.length;
  };

  return { fromInput, fromDrop, start, cancel, keep, kept, forget, save, loadPack };
})();
// Fahras corpus loader (web/corpus-loader.js): runs before the app's wasm starts and leaves a
// promise of the corpus bytes in globalThis.fahrasCorpus, which the app awaits (src/data.rs).
// `fahras build` writes the corpus either inline, base64 in the page's octet-stream data block
// whose id is fahras-corpus (fahras.html, for file://), or as a file named by the meta tag of
// that name (the hosted index.html, which preloads it in parallel with the wasm).
// Either is gzip, inflated here with DecompressionStream; bytes that arrive already inflated
// (a host that served them with Content-Encoding: gzip) are taken as they are.
// An imported corpus (`#…&imported=1`, see web/import.js) comes from this browser's storage;
// when it is not there any more, the page's own corpus is shown and the app says so
// (globalThis.fahrasImported tells it which).
globalThis.fahrasCorpus = (async () => {
  if (/(?:^|&)imported=1(?:&|$)/.test(location.hash.slice(1))) {
    const kept = globalThis.fahrasImport ? await globalThis.fahrasImport.kept() : null;
    globalThis.fahrasImported = kept
      ? { articles: kept.articles, files: kept.files, date: kept.date, diagnostics: kept.diagnostics,
        ms: kept.ms, memory: kept.memory }
      : { missing: true };
    if (kept) return kept.bundle;
  }
  const inflate = async (bytes) => (bytes[0] === 0x1f && bytes[1] === 0x8b
    ? new Uint8Array(await new Response(new Blob([bytes]).stream()
      .pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())
    : bytes);
  const inline = document.getElementById('fahras-corpus');
  if (inline) {
    const bin = atob(inline.textContent.trim());
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return inflate(bytes);
  }
  const url = document.querySelector('meta[name="fahras-corpus"]')?.content;
  if (!url) throw new Error('this page names no corpus: build it with `fahras build <articles> -o <dir>`');
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`${url}: ${e.message} (check the connection and reload)`);
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
  return inflate(new Uint8Array(await response.arrayBuffer()));
})();

// A split corpus's pieces (src/pieces.rs asks; `fahras build --split`): bytes start..end of a
// pack file beside the page, by an HTTP range request. A host that ignores Range sends the
// whole file (200): it is kept in memory and sliced, so every later piece of that pack is at
// hand. Once the service worker has kept the packs for offline use (web/sw-register.js calls
// useKept), each pack is read whole from its cache into memory and sliced here: no round trip
// through the worker, nor a read of a disk-backed Blob, at every key (measured: 20 texts took
// 20–30 ms as Blob slices, well under 1 ms as array slices; both packs of 10,000 ANT articles
// are 28 MB, against 200 MB of wasm memory for the whole corpus). The app inflates the texts.
globalThis.fahrasPieces = (() => {
  const whole = new Map();
  let kept = false;
  const keepWhole = (url, res) => {
    const bytes = Promise.resolve(res).then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b));
    whole.set(url, bytes);
    bytes.catch(() => whole.delete(url));
    return bytes;
  };
  const get = async (file, start, end) => {
    const url = new URL(file, document.baseURI).href;
    if (!whole.has(url) && kept && navigator.serviceWorker?.controller) {
      const res = await fetch(url).catch(() => null);
      if (res && res.status === 200) keepWhole(url, res);
    }
    if (whole.has(url)) return (await whole.get(url)).slice(start, end);
    let res;
    try {
      res = await fetch(url, { headers: { Range: `bytes=${start}-${end - 1}` } });
    } catch (e) {
      throw new Error(`${file}: ${e.message} (check the connection)`);
    }
    if (res.status === 206) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.length !== end - start) throw new Error(`${file}: the host sent ${bytes.length} bytes for a range of ${end - start}`);
      return bytes;
    }
    if (res.status === 200) return (await keepWhole(url, res)).slice(start, end);
    throw new Error(`${file}: HTTP ${res.status} ${res.statusText}`);
  };
  // The worker has kept `packs`: read them into memory now, while the page is idle.
  const useKept = (packs) => {
    kept = true;
    if (!navigator.serviceWorker?.controller) return;
    for (const file of packs) {
      const url = new URL(file, document.baseURI).href;
      if (whole.has(url)) continue;
      keepWhole(url, fetch(url).then((res) => (res.status === 200 ? res : Promise.reject(new Error(`${file}: ${res.status}`)))));
    }
  };
  return { get, useKept };
})();

// Trunk's initialiser, moved out of index.html by scripts/postbuild.mjs (strict CSP).
import init, * as bindings from './fahras-app-7be9a6c6532ea791.js';
const wasm = await init({ module_or_path: './fahras-app-5c6e094759b23a59_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
