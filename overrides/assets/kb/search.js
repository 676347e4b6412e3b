/* Helpfirst search: the one search of the site's search box (search-worker.js, loaded with
 * importScripts) and of the help widget's search view (widget/search-view.js, loaded by the
 * bootstrap). Both search the same way:
 *
 * - the prebuilt index of a language is `search/kb-<lang>.json` (hooks/helpfirst/search.py);
 *   how it is downloaded is the caller's (the worker fetches it, the widget through its cache),
 *   turning it into a lunr index is this module's, once per downloaded payload;
 * - a query is answered from the reader's language; when that finds nothing, from the default
 *   language's index, each result marked as a fallback (shown with the default language's
 *   name, `label`), and located at its page in the reader's language (the fallback page).
 *
 * KbSearch.create({lang, defaultLang, label, lunr, payload: (lang) => Promise<payload>})
 *   -> {own(), search(text, limit) -> Promise<[{ref, doc, score, location, fallback}]>}
 * own() rejects when the reader's index cannot load (404, truncated), and so does search();
 * after a rejection, the next call tries again.
 *
 * The module is registered under Symbol.for("helpfirst.search"), which no element of a host
 * page can shadow (a host's <div id="KbSearch"> is a global of that name), and as KbSearch for
 * the search worker, whose globals are its own.
 */
/* global KbAnalysis */
((root) => {
  "use strict";

  const KEY = Symbol.for("helpfirst.search");
  if (Object.prototype.hasOwnProperty.call(root, KEY)) return;

  const PREFIX = "[kb-help]";
  // Indexes made from each downloaded payload: every searcher of a page shares them.
  const prepared = new WeakMap();

  /** Where a language's index is, relative to the site root. */
  function indexPath(lang) {
    return "search/kb-" + encodeURIComponent(lang) + ".json";
  }

  /** The lunr index and documents of a payload, made once. */
  function prepare(lunr, payload) {
    if (!payload || typeof payload !== "object" || !Array.isArray(payload.docs)) {
      throw new Error("not a search index");
    }
    let loaded = prepared.get(payload);
    if (!loaded) {
      loaded = {
        payload,
        index: KbAnalysis.load(lunr, payload),
        docs: KbAnalysis.documents(payload),
      };
      prepared.set(payload, loaded);
    }
    return loaded;
  }

  /** The matches of a query in a loaded index, best first (none when the query cannot run). */
  function query(loaded, text, limit) {
    try {
      return KbAnalysis.query(loaded.index, text, loaded.payload.lang, {
        stopwords: loaded.payload.stopwords,
        limit,
      });
    } catch (error) {
      console.error(PREFIX, "search failed", error);
      return [];
    }
  }

  /** The page of a default-language entry in the reader's language (its fallback page). */
  function localLocation(location, lang, defaultLang) {
    if (lang === defaultLang) return location;
    const prefix = lang + "/";
    return location.indexOf(prefix) === 0 ? location : prefix + location;
  }

  function create(options) {
    const lang = options.lang;
    const defaultLang = options.defaultLang || lang;
    let own = null;
    let other = null;

    function load(code) {
      return Promise.resolve(options.payload(code)).then((payload) => prepare(options.lunr, payload));
    }

    function results(loaded, matches, fallback) {
      return matches.map((match) => {
        const doc = loaded.docs[match.ref] || { location: match.ref + "/", title: match.ref, summary: "" };
        const location = String(doc.location || match.ref + "/");
        return {
          ref: match.ref,
          doc,
          score: match.score,
          location: fallback ? localLocation(location, lang, defaultLang) : location,
          fallback,
        };
      });
    }

    const searcher = {
      lang,
      defaultLang,
      label: options.label || defaultLang,

      /** The reader's language's index. */
      own() {
        if (!own) {
          own = load(lang);
          own.catch(() => { own = null; });
        }
        return own;
      },

      /** Results in the reader's language, else (as fallbacks) in the default language's. */
      search(text, limit) {
        return searcher.own().then((loaded) => {
          const found = query(loaded, text, limit);
          if (found.length || lang === defaultLang || !String(text).trim()) {
            return results(loaded, found, false);
          }
          if (!other) {
            other = load(defaultLang);
            other.catch(() => { other = null; });
          }
          return other.then(
            (fallback) => results(fallback, query(fallback, text, limit), true),
            (error) => {
              console.error(PREFIX, "the " + defaultLang + " search index did not load", error);
              return [];
            }
          );
        });
      },
    };
    return searcher;
  }

  root[KEY] = Object.freeze({ indexPath, create });
  root.KbSearch = root[KEY];
})(typeof self !== "undefined" ? self : globalThis);
