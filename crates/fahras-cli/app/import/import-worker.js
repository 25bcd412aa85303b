// Fahras importer (web/import-worker.js). `fahras build` wraps this file, the importer's
// wasm-bindgen glue (`wasm_bindgen`), its wasm and the entity model (PACK_WASM, PACK_MODEL:
// gzip, base64) and the single-file page (PACK_TEMPLATE) in one function, `fahrasPack`, written
// as fahras-import-<hash>.js beside the explorer. The page loads that file only when the reader
// imports or saves (web/import.js).
//
// In the page, the file only tells its own source (to start a worker from a blob: URL, which
// also works from file://) and hands out the single-file template.
// In a worker, it runs one import: {files: [{file, path, within}], corpus?: Uint8Array} in,
// progress messages out, then {type: 'done', bundle, diagnostics, articles} or {type: 'error'}.
// Nothing here touches the network: every byte comes with the pack or from the page.
const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;

const unpack = async (b64) => {
  const bin = atob(b64);
  const gz = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) gz[i] = bin.charCodeAt(i);
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

if (!inWorker) {
  globalThis.fahrasPack = {
    source: `(${fahrasPack.toString()})();`,
    template: PACK_TEMPLATE,
  };
} else {
  const post = (msg, transfer) => self.postMessage(msg, transfer || []);
  self.onmessage = async (event) => {
    const { files, corpus } = event.data;
    const started = performance.now();
    try {
      post({ type: 'progress', phase: 'starting', filesDone: 0, files: files.length, articles: 0 });
      const exports = await wasm_bindgen({ module_or_path: await unpack(PACK_WASM) });
      const { Import } = wasm_bindgen;
      Import.install_model(await unpack(PACK_MODEL));
      const imp = new Import();
      const shown = corpus ? imp.add_corpus('(the articles shown before)', corpus) : 0;
      const unreadable = [];
      let last = 0;
      for (let i = 0; i < files.length; i++) {
        const { file, path, within } = files[i];
        let bytes;
        try {
          bytes = new Uint8Array(await file.arrayBuffer());
        } catch (e) {
          // A file that went away or cannot be read is reported by the core's own message.
          bytes = null;
          const message = `cannot read: ${e.message || e}`;
          unreadable.push({ severity: 'error', file: path, line: null, message, text: `error: ${path}: ${message}` });
        }
        if (bytes) imp.add_file(path, within, bytes);
        const now = performance.now();
        if (now - last > 50 || i === files.length - 1) {
          last = now;
          post({ type: 'progress', phase: 'reading', filesDone: i + 1, files: files.length, articles: imp.articles() });
        }
      }
      const articles = imp.articles();
      // Articles the files gave (those shown before are not counted).
      const added = articles - shown;
      const bundle = imp.compile((step, name) => post({
        type: 'progress', phase: name || 'writing', step, filesDone: files.length, files: files.length, articles,
      }));
      const diagnostics = unreadable.concat(imp.diagnostics());
      // Wasm memory only grows: its size now is the import's peak.
      const memory = exports.memory.buffer.byteLength;
      post({
        type: 'done', bundle, diagnostics, articles, added,
        ms: Math.round(performance.now() - started), memory,
      }, [bundle.buffer]);
    } catch (e) {
      post({ type: 'error', message: String(e && e.message ? e.message : e) });
    }
  };
}
