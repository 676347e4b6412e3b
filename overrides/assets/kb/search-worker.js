/* Helpfirst search worker for Material's search box.
 *
 * Material talks to its search worker in four messages: SETUP (0, the main thread hands over
 * its index), READY (1, the worker can answer), QUERY (2, the text typed) and RESULT (3,
 * {items: [[item]], suggest: [word]}). This worker speaks that protocol but ignores what SETUP
 * carries: it loads the prebuilt index of its own page's language, `search/kb-<lang>.json`
 * (written by hooks/search_index.py), as soon as it starts, and queries it with the same
 * analysers that built it (analysis.js). When a query finds nothing in the page's language, it
 * answers from the default language's index instead, each result marked with a label
 * (`fallback` below).
 *
 * The page tells the worker its language in the worker's URL: `?lang=sl&default=en&label=…`.
 * Titles and summaries reach Material as HTML (it inserts them with innerHTML), so every text
 * is escaped here; nothing the reader types is ever returned unescaped.
 */
/* global importScripts, lunr, KbAnalysis */
(function () {
  "use strict";

  var PREFIX = "[kb-help]";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var LIMIT = 30;

  var params = new URL(self.location.href).searchParams;
  var lang = params.get("lang") || "en";
  var defaultLang = params.get("default") || lang;
  var fallbackLabel = params.get("label") || defaultLang;
  var root = new URL("../../", self.location.href);

  /** The response of a language's payload: `search/kb-<lang>.json`. */
  function download(code) {
    var url = new URL("search/kb-" + encodeURIComponent(code) + ".json", root);
    return fetch(url.href).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " for " + url.href);
      return response;
    });
  }

  // The page's own payload downloads while the scripts below load (importScripts waits).
  var ownDownload = download(lang);
  ownDownload.catch(function () { /* reported when it is loaded, below */ });

  importScripts("vendor/lunr-2.3.9.min.js", "analysis.js");

  var own = null;       // {payload, index} of the page's language
  var fallback = null;  // Promise of the same for the default language, made on first need
  var ready = false;
  var pending = null;   // the newest query that arrived before the index was loaded
  var latest = null;    // the newest query of all: a slower answer to an older one is dropped

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function loadLanguage(code) {
    return (code === lang ? ownDownload : download(code))
      .then(function (response) { return response.json(); })
      .then(function (payload) {
        return {
          payload: payload,
          index: KbAnalysis.load(lunr, payload),
          docs: KbAnalysis.documents(payload)
        };
      });
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
    var prefix = lang + "/";
    return location.indexOf(prefix) === 0 ? location : prefix + location;
  }

  /** Material's result groups: one group per entry, a single article each. */
  function items(loaded, matches, text, isFallback) {
    var terms = {};
    KbAnalysis.tokenise(text).forEach(function (token) { terms[token] = true; });
    return matches.map(function (match) {
      var doc = loaded.docs[match.ref] || { location: "", title: match.ref, summary: "" };
      var title = escapeHtml(doc.title);
      if (isFallback) {
        title += ' <span class="kb-search-fallback" lang="' + escapeHtml(defaultLang) + '">' +
          escapeHtml(fallbackLabel) + "</span>";
      }
      return [{
        location: isFallback ? localLocation(doc.location) : doc.location,
        title: title,
        text: escapeHtml(doc.summary),
        score: match.score,
        terms: terms
      }];
    });
  }

  /** A completion of the last word typed, taken from the titles of the best results. */
  function suggestion(loaded, matches, text) {
    var words = text.split(/[\s-]+/);
    var last = words[words.length - 1];
    if (!last) return [];
    var lower = last.toLocaleLowerCase(loaded.payload.lang);
    for (var i = 0; i < matches.length && i < 5; i++) {
      var doc = loaded.docs[matches[i].ref];
      var candidates = doc ? KbAnalysis.tokenise(doc.title) : [];
      for (var j = 0; j < candidates.length; j++) {
        var word = candidates[j];
        if (word.length > lower.length && word.indexOf(lower) === 0) return [word];
      }
    }
    return [];
  }

  function reply(data) {
    self.postMessage({ type: RESULT, data: data });
  }

  function answer(text) {
    text = typeof text === "string" ? text : "";
    if (!own || !text.trim()) {
      reply({ items: [] });
      return;
    }
    var matches;
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
    fallback.then(function (loaded) {
      if (text !== latest) return;  // the reader typed on; that query answers instead
      var found = search(loaded, text);
      reply({ items: items(loaded, found, text, true), suggest: [] });
    }).catch(function (error) {
      console.error(PREFIX, "the " + defaultLang + " search index did not load", error);
      if (text === latest) reply({ items: [] });
    });
  }

  // The page's own index is fetched as soon as the worker starts: Material sends SETUP only
  // after its main thread has fetched its own (empty) index, and the two now overlap.
  var loadingOwn = loadLanguage(lang)
    .then(function (loaded) { own = loaded; })
    .catch(function (error) {
      console.error(PREFIX, "the " + lang + " search index did not load", error);
    });

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      loadingOwn.then(function () {
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
