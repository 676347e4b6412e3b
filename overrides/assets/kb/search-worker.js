/* Helpfirst search worker for Material's search box.
 *
 * Material talks to its search worker in four messages: SETUP (0, the main thread hands over
 * its index), READY (1, the worker can answer), QUERY (2, the text typed) and RESULT (3,
 * {items: [[item]], suggest: [word]}). This worker speaks that protocol but ignores what SETUP
 * carries: it loads the prebuilt index of its own page's language, `search/kb-<lang>.json`
 * (written by hooks/helpfirst/adapter/search_index.py), as soon as it starts, and queries it
 * with the same analysers that built it (analysis.js). When a query finds nothing in the page's
 * language, it answers from the default language's index instead, each result marked with a
 * label (`fallback` below).
 *
 * The page tells the worker its language in the worker's URL: `?lang=sl&default=en&label=…`.
 * Titles and summaries reach Material as HTML (it inserts them with innerHTML), so every text
 * is escaped here; nothing the reader types is ever returned unescaped.
 */
/* global lunr, KbAnalysis */
(() => {
  "use strict";

  const PREFIX = "[kb-help]";
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  const LIMIT = 30;

  const params = new URL(self.location.href).searchParams;
  const lang = params.get("lang") || "en";
  const defaultLang = params.get("default") || lang;
  const fallbackLabel = params.get("label") || defaultLang;
  const root = new URL("../../", self.location.href);

  /** The response of a language's payload: `search/kb-<lang>.json`. */
  function download(code) {
    const url = new URL("search/kb-" + encodeURIComponent(code) + ".json", root);
    return fetch(url.href).then((response) => {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + url.href);
      return response;
    });
  }

  // The page's own payload downloads while the scripts below load (importScripts waits).
  const ownDownload = download(lang);
  ownDownload.catch(() => { /* reported when it is loaded, below */ });

  importScripts("vendor/lunr-2.3.9.min.js", "analysis.js");

  let own = null;       // {payload, index} of the page's language
  let fallback = null;  // Promise of the same for the default language, made on first need
  let ready = false;
  let pending = null;   // the newest query that arrived before the index was loaded
  let latest = null;    // the newest query of all: a slower answer to an older one is dropped

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  function loadLanguage(code) {
    return (code === lang ? ownDownload : download(code))
      .then((response) => response.json())
      .then((payload) => ({
          payload,
          index: KbAnalysis.load(lunr, payload),
          docs: KbAnalysis.documents(payload)
        }));
  }

  function search(loaded, text) {
    return KbAnalysis.query(loaded.index, text, loaded.payload.lang, {
      stopwords: loaded.payload.stopwords,
      limit: LIMIT
    });
  }

  /** The page-language location of an entry found in the default language's index. */
  function localLocation(location) {
    if (lang === defaultLang) return location;
    const prefix = lang + "/";
    return location.indexOf(prefix) === 0 ? location : prefix + location;
  }

  /** Material's result groups: one group per entry, a single article each. */
  function items(loaded, matches, text, isFallback) {
    const terms = {};
    KbAnalysis.tokenise(text).forEach((token) => { terms[token] = true; });
    return matches.map((match) => {
      const doc = loaded.docs[match.ref] || { location: "", title: match.ref, summary: "" };
      let title = escapeHtml(doc.title);
      if (isFallback) {
        title += ' <span class="kb-search-fallback" lang="' + escapeHtml(defaultLang) + '">' +
          escapeHtml(fallbackLabel) + "</span>";
      }
      return [{
        location: isFallback ? localLocation(doc.location) : doc.location,
        title,
        text: escapeHtml(doc.summary),
        score: match.score,
        terms
      }];
    });
  }

  /** A completion of the last word typed, taken from the titles of the best results. */
  function suggestion(loaded, matches, text) {
    const words = text.split(/[\s-]+/);
    const last = words[words.length - 1];
    if (!last) return [];
    const lower = last.toLocaleLowerCase(loaded.payload.lang);
    for (let i = 0; i < matches.length && i < 5; i++) {
      const doc = loaded.docs[matches[i].ref];
      const candidates = doc ? KbAnalysis.tokenise(doc.title) : [];
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
    if (!own || !text.trim()) {
      reply({ items: [] });
      return;
    }
    let matches;
    try {
      matches = search(own, text);
    } catch (error) {
      console.error(PREFIX, "search failed", error);
      matches = [];
    }
    if (matches.length || lang === defaultLang) {
      reply({ items: items(own, matches, text, false), suggest: suggestion(own, matches, text) });
      return;
    }
    if (!fallback) fallback = loadLanguage(defaultLang);
    fallback.then((loaded) => {
      if (text !== latest) return;  // the reader typed on; that query answers instead
      const found = search(loaded, text);
      reply({ items: items(loaded, found, text, true), suggest: [] });
    }).catch((error) => {
      console.error(PREFIX, "the " + defaultLang + " search index did not load", error);
      if (text === latest) reply({ items: [] });
    });
  }

  // The page's own index is fetched as soon as the worker starts: Material sends SETUP only
  // after its main thread has fetched its own (empty) index, and the two now overlap.
  const loadingOwn = loadLanguage(lang)
    .then((loaded) => { own = loaded; })
    .catch((error) => {
      console.error(PREFIX, "the " + lang + " search index did not load", error);
    });

  self.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type === SETUP) {
      loadingOwn.then(() => {
        // READY even without an index: Material would otherwise wait forever; every query
        // then answers "no results".
        ready = true;
        self.postMessage({ type: READY });
        if (pending !== null) answer(pending);
      });
    } else if (message.type === QUERY) {
      latest = message.data;
      if (ready) answer(message.data);
      else pending = message.data;
    }
  });
})();
