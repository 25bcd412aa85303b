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
