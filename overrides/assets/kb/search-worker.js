/* Helpfirst search worker for Material's search box.
 *
 * Material talks to its search worker in four messages: SETUP (0, the main thread hands over
 * its index), READY (1, the worker can answer), QUERY (2, the text typed) and RESULT (3,
 * {items: [[item]], suggest: [word]}). This worker speaks that protocol but ignores what SETUP
 * carries: it loads the prebuilt index of its own page's language, `search/kb-<lang>.json`
 * (written by hooks/helpfirst/adapter/search_index.py), as soon as it starts, and queries it
 * with the same analysers that built it (analysis.js), through the search the help widget uses
 * too (search.js): when a query finds nothing in the page's language, it answers from the
 * default language's index instead, each result marked with a label.
 *
 * When the page's index cannot load (missing, truncated), every query is answered with no
 * results, and the page is told on the BroadcastChannel `kb-search` ({unavailable: lang}), for
 * assets/kb/site.js to say so: Material's protocol has no message for it.
 *
 * The page tells the worker its language in the worker's URL: `?lang=sl&default=en&label=…`.
 * Titles and summaries reach Material as HTML (it inserts them with innerHTML), so every text
 * is escaped here; nothing the reader types is ever returned unescaped.
 */
/* global lunr, KbAnalysis, KbSearch */
(() => {
  "use strict";

  const PREFIX = "[kb-help]";
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  const LIMIT = 30;
  const CHANNEL = "kb-search";

  const params = new URL(self.location.href).searchParams;
  const lang = params.get("lang") || "en";
  const defaultLang = params.get("default") || lang;
  const fallbackLabel = params.get("label") || defaultLang;
  const root = new URL("../../", self.location.href);

  importScripts("search.js"); // small: it names the index, whose download starts below

  /** The payload of a language's index. */
  function download(code) {
    const url = new URL(KbSearch.indexPath(code), root);
    return fetch(url.href).then((response) => {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + url.href);
      return response.json();
    });
  }

  // The page's own payload downloads while the scripts below load (importScripts waits).
  let ownDownload = download(lang);
  ownDownload.catch(() => { /* reported when it is loaded, below */ });

  importScripts("vendor/lunr-2.3.9.min.js", "analysis.js");

  const searcher = KbSearch.create({
    lang,
    defaultLang,
    label: fallbackLabel,
    lunr,
    payload(code) {
      if (code !== lang || !ownDownload) return download(code);
      const first = ownDownload;
      ownDownload = null; // a later attempt downloads again
      return first;
    },
  });
  let available = true;
  let ready = false;
  let pending = null;   // the newest query that arrived before the index was loaded
  let latest = null;    // the newest query of all: a slower answer to an older one is dropped

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  /** Tell the page that search is unavailable (it says so in its language). */
  function tellUnavailable() {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage({ unavailable: lang });
    channel.close();
  }

  /** Material's result groups: one group per entry, a single article each. */
  function items(found, text) {
    const terms = {};
    KbAnalysis.tokenise(text).forEach((token) => { terms[token] = true; });
    return found.map((result) => {
      let title = escapeHtml(result.doc.title);
      if (result.fallback) {
        title += ' <span class="kb-search-fallback" lang="' + escapeHtml(defaultLang) + '">' +
          escapeHtml(searcher.label) + "</span>";
      }
      return [{
        location: result.location,
        title,
        text: escapeHtml(result.doc.summary || ""),
        score: result.score,
        terms
      }];
    });
  }

  /** A completion of the last word typed, taken from the titles of the best results. */
  function suggestion(found, text) {
    const words = text.split(/[\s-]+/);
    const last = words[words.length - 1];
    if (!last || !found.length || found[0].fallback) return [];
    const lower = last.toLocaleLowerCase(lang);
    for (let i = 0; i < found.length && i < 5; i++) {
      const candidates = KbAnalysis.tokenise(String(found[i].doc.title || ""));
      for (let j = 0; j < candidates.length; j++) {
        const word = candidates[j];
        if (word.length > lower.length && word.indexOf(lower) === 0) return [word];
      }
    }
    return [];
  }

  function reply(data) {
    self.postMessage({ type: RESULT, data });
  }

  function answer(text) {
    text = typeof text === "string" ? text : "";
    if (!available) tellUnavailable();
    if (!available || !text.trim()) {
      reply({ items: [] });
      return;
    }
    searcher.search(text, LIMIT).then((found) => {
      if (text !== latest) return; // the reader typed on; that query answers instead
      reply({ items: items(found, text), suggest: suggestion(found, text) });
    }, (error) => {
      console.error(PREFIX, "search failed", error);
      if (text === latest) reply({ items: [] });
    });
  }

  // The page's own index is loaded as soon as the worker starts: Material sends SETUP only
  // after its main thread has fetched its own (empty) index, and the two now overlap.
  const loadingOwn = searcher.own().catch((error) => {
    available = false;
    console.error(PREFIX, "the " + lang + " search index did not load", error);
    tellUnavailable();
  });

  self.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === SETUP) {
      loadingOwn.then(() => {
        // READY even without an index: Material would otherwise wait forever; every query
        // then answers "no results", and the page says search is unavailable.
        ready = true;
        self.postMessage({ type: READY });
        if (!available) tellUnavailable();
        if (pending !== null) answer(pending);
      });
    } else if (message.type === QUERY) {
      latest = message.data;
      if (ready) answer(message.data);
      else pending = message.data;
    }
  });
})();
