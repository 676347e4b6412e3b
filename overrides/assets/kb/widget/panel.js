/* Helpfirst help widget: the panel, loaded by the bootstrap (/widget.js) on first use.
 *
 * KbHelpWidget.mount(host, shadowRoot, options) -> {open, close, toggle}
 *
 * Floating mode: a dialog beside the launcher with a search box (answers as the customer types,
 * with the site's analysers), suggestions for the page before anything is typed, each answer
 * shown inside the panel (the article's own HTML, sanitised) with a link to the article, and
 * the guided email ("Still need help?"). Inline mode (data-kb-attach): a box after a form that
 * suggests answers to what is typed into the form's fields, without changing the form.
 *
 * Data comes from the help site only: `assets/kb/widget/<lang>.json` (words, topics, settings;
 * hooks/widget_assets.py), `search/kb-<lang>.json` (the search index; hooks/search_index.py)
 * and the entry pages themselves. Like the site's search worker, a query that finds nothing in
 * the reader's language is answered from the default language's index, labelled. Everything the
 * customer types is set as text, never as HTML.
 */
/* global KbAnalysis */
(function (root) {
  "use strict";

  var ns = (root.KbHelpWidget = root.KbHelpWidget || {});
  if (ns.mount) return;

  var PREFIX = "[kb-help]";
  var RESULTS = 8;
  var SUGGESTIONS = 3;
  var CHECK_DELAY = 120;  // after the last key, the email draft's checks run
  var FORM_DELAY = 250;
  var SAVE_DELAY = 300;
  var FORM_TEXT_LIMIT = 1000;
  // Parts of an entry page that are not the answer: permalinks, breadcrumbs, the footer with
  // its feedback form, the language switcher's data, the title (the panel shows its own).
  var STRIP = [
    ".headerlink", ".kb-breadcrumbs", ".kb-entry-footer", ".kb-feedback", "[data-kb-switcher]",
    ".md-content__button", ".md-source-file", "h1"
  ];
  // Form fields whose text is personal data, not the question: never used as a search.
  var PERSONAL = /name|mail|phone|tel|address|street|city|zip|postal|country|company|card|pass/i;
  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {
    close: "M6 6l12 12M18 6L6 18",
    back: "M15 5l-7 7 7 7",
    search: "M10.5 17a6.5 6.5 0 1 1 0-13 6.5 6.5 0 0 1 0 13zM20 20l-4.8-4.8",
    open: "M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5",
    mail: "M4 6h16v12H4zM4 7l8 6 8-6"
  };
  var CSS = [
    "*,*::before,*::after{box-sizing:border-box}[hidden]{display:none!important}",
    ".panel,.inline{all:initial;display:flex;flex-direction:column;box-sizing:border-box;",
    "background:var(--_bg);color:var(--_text);font:14px/1.5 var(--_font);",
    "-webkit-font-smoothing:antialiased;text-align:start}",
    ".panel{position:fixed;z-index:var(--_z);right:var(--_offset);",
    "bottom:calc(var(--_offset) + 60px);width:min(400px,calc(100vw - 2 * var(--_offset)));",
    "height:min(640px,calc(100vh - 2 * var(--_offset) - 64px));overflow:hidden;",
    "border:1px solid var(--_border);border-radius:var(--_radius);",
    "box-shadow:0 18px 48px rgba(0,0,0,.22),0 2px 8px rgba(0,0,0,.1);",
    "animation:kb-in .16s ease-out}",
    "@keyframes kb-in{from{opacity:0;transform:translateY(8px)}}",
    ":host([data-kb-position=bottom-left]) .panel{left:var(--_offset);right:auto}",
    "@media (max-width:480px){.panel,:host([data-kb-position=bottom-left]) .panel{inset:0;",
    "width:auto;height:auto;border:0;border-radius:0}}",
    ".inline{margin:16px 0;padding:4px 0;border:1px solid var(--_border);",
    "border-radius:var(--_radius)}",
    ".head{display:flex;align-items:center;gap:4px;min-height:56px;padding:8px 10px 8px 18px;",
    "border-bottom:1px solid var(--_border)}",
    ".back:not([hidden])+h2{margin-inline-start:-4px}",
    ".head .back{margin-inline-start:-10px}",
    "h2{flex:1;margin:0;font-size:16px;font-weight:650;line-height:1.3}",
    ".inline h2{font-size:14px;color:var(--_muted);font-weight:600}",
    ".inline .head{min-height:0;padding:8px 10px 4px 16px;border:0}",
    ".icon{all:unset;box-sizing:border-box;display:inline-grid;place-items:center;flex:none;",
    "width:36px;height:36px;border-radius:10px;color:var(--_muted);cursor:pointer}",
    ".icon:hover{background:var(--_surface);color:var(--_text)}",
    "svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;",
    "stroke-linecap:round;stroke-linejoin:round;flex:none}",
    ".body{flex:1;overflow:auto;overscroll-behavior:contain;padding:16px 18px 18px}",
    ".inline .body{padding:4px 16px 12px}",
    ".foot{padding:12px 18px;border-top:1px solid var(--_border);background:var(--_surface)}",
    ".find{position:relative}",
    ".find svg{position:absolute;left:12px;top:50%;margin-top:-10px;color:var(--_muted)}",
    ".find input{padding-left:40px}",
    "input,textarea{all:unset;box-sizing:border-box;display:block;width:100%;padding:10px 12px;",
    "font:inherit;color:var(--_text);background:var(--_bg);border:1px solid var(--_border);",
    "border-radius:10px;transition:border-color .12s ease}",
    "input::placeholder,textarea::placeholder{color:var(--_muted);opacity:.85}",
    "textarea{min-height:88px;resize:vertical;white-space:pre-wrap}",
    "input:focus,textarea:focus{border-color:var(--_accent);",
    "box-shadow:0 0 0 3px color-mix(in srgb,var(--_accent) 28%,transparent)}",
    "input:focus-visible,textarea:focus-visible{outline:none}",
    "[aria-invalid=true]{border-color:var(--_danger)}",
    ".status{margin:10px 2px 4px;color:var(--_muted);font-size:12.5px}",
    ".status:empty{margin:0}.inline .status{display:none}",
    ".label{margin:16px 2px 6px;color:var(--_muted);font-size:11.5px;font-weight:650;",
    "letter-spacing:.05em;text-transform:uppercase}",
    ".results{list-style:none;margin:0 -8px;padding:0;display:grid;gap:2px}",
    ".result{all:unset;box-sizing:border-box;display:block;width:100%;padding:9px 10px;",
    "border-radius:10px;cursor:pointer}",
    ".result:hover,.result:focus-visible{background:var(--_surface)}",
    ".result-title{display:block;font-weight:600;line-height:1.35}",
    ".result:hover .result-title{color:var(--_accent)}",
    ".result-summary{display:-webkit-box;margin-top:3px;color:var(--_muted);font-size:13px;",
    "line-height:1.45;overflow:hidden;-webkit-line-clamp:2;-webkit-box-orient:vertical}",
    ".badge{display:inline-block;margin-inline-start:6px;padding:0 6px;",
    "border:1px solid var(--_border);border-radius:6px;color:var(--_muted);font-size:11px;",
    "font-weight:500;vertical-align:1px}",
    ".button{all:unset;box-sizing:border-box;display:inline-flex;align-items:center;",
    "justify-content:center;gap:8px;min-height:40px;padding:8px 16px;border-radius:10px;",
    "font-weight:600;line-height:1.25;text-align:center;text-decoration:none;cursor:pointer}",
    ".primary{background:var(--_accent);color:var(--_on-accent)}",
    ".primary:hover{filter:brightness(1.08)}",
    ".secondary{border:1px solid var(--_border);background:var(--_bg);color:var(--_text)}",
    ".secondary:hover{background:var(--_surface)}",
    ".button[aria-disabled=true]{opacity:.45;cursor:not-allowed;filter:none}",
    ".wide{display:flex;width:100%}",
    ".link{all:unset;color:var(--_accent);font-size:12.5px;text-decoration:underline;",
    "cursor:pointer}",
    ".message{margin:12px 0;padding:12px 14px;border-radius:10px;background:var(--_surface)}",
    ".message p{margin:0 0 6px}.message a{color:var(--_accent);font-weight:600}",
    "h3{margin:0 0 10px;font-size:17px;font-weight:650;line-height:1.35}",
    "h3:focus{outline:none}",
    ".content{font-size:14px;line-height:1.6;overflow-wrap:anywhere}",
    ".content>:first-child{margin-top:0}",
    ".content p,.content ul,.content ol,.content pre,.content table,.content blockquote,",
    ".content dl,.content details,.content figure{margin:0 0 10px}",
    ".content ul,.content ol{padding-inline-start:22px}.content li{margin:3px 0}",
    ".content h4,.content h5,.content h6{margin:18px 0 6px;font-size:14.5px;font-weight:650}",
    ".content a{color:var(--_accent)}",
    ".content code,.preview pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;",
    "font-size:12.5px}",
    ".content code{padding:1px 4px;border-radius:4px;background:var(--_surface)}",
    ".content pre{padding:10px 12px;border-radius:8px;background:var(--_surface);",
    "white-space:pre-wrap}",
    ".content pre code{padding:0;background:none}",
    ".content table{display:block;overflow:auto;border-collapse:collapse;font-size:13px}",
    ".content th,.content td{padding:6px 8px;border:1px solid var(--_border);text-align:start;",
    "vertical-align:top}",
    ".content blockquote{margin-inline:0;padding-inline-start:12px;",
    "border-inline-start:3px solid var(--_border);color:var(--_muted)}",
    ".content summary{cursor:pointer;font-weight:600}",
    ".article{margin-top:8px}",
    ".intro{margin:0 0 16px;color:var(--_muted);font-size:13px}",
    ".field{margin:0 0 14px}",
    ".field label{display:block;margin:0 0 2px;font-size:13px;font-weight:650}",
    ".hint{margin:0 0 6px;color:var(--_muted);font-size:12.5px}",
    ".checks{list-style:none;margin:6px 0 0;padding:0;display:grid;gap:4px}",
    ".check{display:flex;gap:8px;padding:7px 10px;border-radius:8px;font-size:12.5px;",
    "line-height:1.45;background:var(--_warn-bg);color:var(--_warn)}",
    ".check::before{content:'!';display:inline-grid;place-items:center;flex:none;width:16px;",
    "height:16px;margin-top:1px;border:1.5px solid currentColor;border-radius:50%;",
    "font-size:10.5px;font-weight:800;line-height:1}",
    ".check.block{background:var(--_danger-bg);color:var(--_danger);font-weight:600}",
    ".preview{margin:4px 0 12px;border:1px solid var(--_border);border-radius:10px}",
    ".preview summary{padding:8px 12px;font-size:13px;font-weight:600;cursor:pointer}",
    ".preview pre{margin:0;max-height:220px;overflow:auto;padding:10px 12px;",
    "border-top:1px solid var(--_border);white-space:pre-wrap;overflow-wrap:anywhere;",
    "line-height:1.5}",
    ".actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}",
    ".actions .button{flex:1 1 auto}",
    ".note{margin:10px 0 0;color:var(--_muted);font-size:12.5px}",
    ".note.stop{color:var(--_danger);font-weight:600}",
    ".draft{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 12px;",
    "margin:14px 0 0;color:var(--_muted);font-size:12px}",
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);",
    "white-space:nowrap}",
    // Last, so that it wins over the `all: unset` of buttons and links.
    ":focus-visible{outline:3px solid var(--_focus);outline-offset:2px}",
    ".result:focus-visible,.content :focus-visible{outline-offset:-1px}",
    "@media (prefers-reduced-motion:reduce){.panel{animation:none}",
    "input,textarea{transition:none}}"
  ].join("");

  var sheet = null;
  var cache = Object.create(null);

  // ---- small helpers ---------------------------------------------------------------------

  /** An element with a class, text and attributes; children appended. Never sets HTML. */
  function el(tag, className, text, attributes) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text != null && text !== "") element.textContent = String(text);
    if (attributes) {
      Object.keys(attributes).forEach(function (name) {
        var value = attributes[name];
        if (value !== null && value !== undefined && value !== false) {
          element.setAttribute(name, value === true ? "" : String(value));
        }
      });
    }
    for (var i = 4; i < arguments.length; i++) {
      if (arguments[i]) element.appendChild(arguments[i]);
    }
    return element;
  }

  function icon(name) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
    return element;
  }

  /** Runs fn on the next turn of the event loop, once however often it is called before then:
   * each key is answered as soon as the page is free (a search takes milliseconds), and keys
   * typed faster than that make one search, not a queue of them. */
  function coalesce(fn) {
    var pending = false;
    return function () {
      if (pending) return;
      pending = true;
      setTimeout(function () {
        pending = false;
        try {
          fn();
        } catch (error) {
          console.error(PREFIX, error);
        }
      }, 0);
    };
  }

  function debounce(fn, delay) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () {
        try {
          fn.apply(null, args);
        } catch (error) {
          console.error(PREFIX, error);
        }
      }, delay);
    };
  }

  /** One request per URL for every widget on the page; a failed one is tried again later.
   * No credentials and no referrer: the help site learns nothing about the page or reader. */
  function once(url, read) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "omit", referrerPolicy: "no-referrer" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
          return read(response);
        });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function json(response) { return response.json(); }
  function page(response) {
    return response.text().then(function (html) { return { html: html, url: response.url }; });
  }

  /** A path pattern with * as any text, matched against the whole path. */
  function glob(pattern, path) {
    var source = String(pattern).split("*").map(function (part) {
      return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }).join(".*");
    return new RegExp("^" + source + "$").test(path);
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // blocked by the browser or the page's sandbox: drafts are not kept
    }
  }

  // ---- one widget ---------------------------------------------------------------------------

  function Widget(host, shadow, options) {
    this.host = host;
    this.shadow = shadow;
    this.options = options;
    this.lang = options.lang;
    this.base = options.root;
    this.site = options.site || {};
    this.settings = null;
    this.words = {};
    this.ready = null;
    this.own = null;
    this.fallback = null;
    this.stack = [];
    this.stopwords = [];
    this.query = "";
    this.draft = null;
    this.lastMessage = null;
    this.draftKey = "kb-help:draft:" + new URL(this.base).origin;
  }

  Widget.prototype.t = function (key, email) {
    var text = (this.words && this.words[key]) || "";
    return email === undefined ? text : text.replace("{email}", email);
  };

  /** Words and settings first (the panel cannot speak without them); the index meanwhile: its
   * download starts with theirs, not after it. */
  Widget.prototype.prepare = function () {
    var self = this;
    if (!this.ready) {
      once(this.indexUrl(this.lang), json);
      this.ready = once(this.base + "assets/kb/widget/" + this.lang + ".json", json)
        .then(function (settings) {
          self.settings = settings;
          self.words = settings.strings || {};
          self.build();
          self.index();
          return self;
        });
      this.ready.catch(function (error) {
        console.error(PREFIX, "the widget's words did not load", error);
        self.ready = null;
      });
    }
    return this.ready;
  };

  /** Where a language's search payload is (hooks/search_index.py writes it). */
  Widget.prototype.indexUrl = function (lang) {
    return this.base + "search/kb-" + lang + ".json";
  };

  /** The loaded index of a language: {payload, index, docs}. */
  Widget.prototype.loadIndex = function (lang) {
    var lunr = this.options.lunr || root.lunr;
    return once(this.indexUrl(lang), json).then(function (payload) {
      if (!payload.loaded) {
        payload.loaded = {
          index: KbAnalysis.load(lunr, payload),
          docs: KbAnalysis.documents(payload)
        };
      }
      return { payload: payload, index: payload.loaded.index, docs: payload.loaded.docs };
    });
  };

  /** The reader's language's index; after a failure, tried again when the panel reopens. */
  Widget.prototype.index = function () {
    var self = this;
    if (!this.own) {
      this.own = this.loadIndex(this.lang);
      this.own.catch(function () { self.indexDown = true; });
      this.own.then(function (loaded) {
        self.stopwords = loaded.payload.stopwords;
        if (self.failed) self.failed.hidden = true;
        self.refresh();
      }, function (error) {
        console.error(PREFIX, "the " + self.lang + " search index did not load", error);
        self.showFailure();
      });
    }
    return this.own;
  };

  function run(loaded, text, limit) {
    try {
      return KbAnalysis.query(loaded.index, text, loaded.payload.lang, {
        stopwords: loaded.payload.stopwords,
        limit: limit
      });
    } catch (error) {
      console.error(PREFIX, "search failed", error);
      return [];
    }
  }

  /** Results of a query in the reader's language, else (labelled) in the default language. */
  Widget.prototype.search = function (text, limit) {
    var self = this;
    var defaultLang = this.settings.default_lang || this.lang;
    return this.index().then(function (own) {
      var found = run(own, text, limit);
      if (found.length || self.lang === defaultLang || !String(text).trim()) {
        return self.items(own, found, false);
      }
      return self.loadIndex(defaultLang).then(function (other) {
        return self.items(other, run(other, text, limit), true);
      }, function () {
        return [];
      });
    });
  };

  Widget.prototype.items = function (loaded, matches, fallback) {
    var self = this;
    return matches.map(function (match) {
      var doc = loaded.docs[match.ref] || {};
      var location = String(doc.location || match.ref + "/");
      // A default-language entry is read at its page in the reader's language (the fallback
      // page), as the site's search does.
      var prefix = self.lang + "/";
      if (fallback && location.indexOf(prefix) !== 0) location = prefix + location;
      return {
        ref: match.ref,
        title: String(doc.title || match.ref),
        summary: String(doc.summary || ""),
        href: new URL(location, self.base).href,
        fallback: fallback
      };
    });
  };

  function fromSettings(base) {
    return function (item) {
      return {
        ref: item.ref,
        title: item.title,
        summary: item.summary,
        href: new URL(item.location, base).href,
        fallback: !!item.fallback
      };
    };
  }

  /** Suggestions for this page: data-kb-topic, else the first pattern of the site's map that
   * matches the page's path; a topic that is neither a category nor configured is searched. */
  Widget.prototype.topicItems = function () {
    var self = this;
    var settings = this.settings || {};
    var topics = settings.topics || {};
    var name = this.options.topic;
    if (!name) {
      var pages = Array.isArray(settings.pages) ? settings.pages : [];
      for (var i = 0; i < pages.length; i++) {
        if (glob(pages[i][0], location.pathname)) {
          name = pages[i][1];
          break;
        }
      }
    }
    if (!name) return Promise.resolve([]);
    if (Object.prototype.hasOwnProperty.call(topics, name)) {
      return Promise.resolve(topics[name].map(fromSettings(self.base)));
    }
    return this.search(name, 5).catch(function () { return []; });
  };

  /** What the panel shows before anything is typed: the page's suggestions, else the site's
   * featured entries. */
  Widget.prototype.startItems = function () {
    var self = this;
    return this.topicItems().then(function (items) {
      if (items.length) return { label: self.t("widget.suggested"), items: items };
      var featured = (self.settings.featured || []).map(fromSettings(self.base));
      return { label: self.t("widget.popular"), items: featured };
    });
  };

  // ---- the panel ----------------------------------------------------------------------------

  Widget.prototype.build = function () {
    var self = this;
    var inline = this.options.inline;
    if (!sheet && this.shadow.adoptedStyleSheets && root.CSSStyleSheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    if (sheet) {
      this.shadow.adoptedStyleSheets = this.shadow.adoptedStyleSheets.concat([sheet]);
    } else {
      this.shadow.appendChild(el("style", "", CSS));
    }
    var titleId = "kb-title";
    this.title = el("h2", "", this.t(inline ? "widget.attach.title" : "widget.title"),
      { id: titleId });
    this.backButton = el("button", "icon back", "", {
      type: "button", "aria-label": this.t("widget.back"), hidden: true
    }, icon("back"));
    this.backButton.addEventListener("click", function () { self.back(); });
    var head = el("div", "head", "", { part: "header" }, this.backButton, this.title);
    this.body = el("div", "body", "", { part: "body" });
    this.panel = el(inline ? "section" : "div", inline ? "inline" : "panel", "", {
      part: "panel",
      role: inline ? "region" : "dialog",
      "aria-modal": inline ? null : "false",
      "aria-labelledby": titleId,
      hidden: true
    }, head, this.body);
    if (!inline) {
      var close = el("button", "icon close", "", {
        type: "button", "aria-label": this.t("widget.close")
      }, icon("close"));
      close.addEventListener("click", function () { self.close(); });
      head.appendChild(close);
      this.composeButton = el("button", "button secondary wide", "", { type: "button" },
        icon("mail"), el("span", "", this.t("widget.compose.open")));
      this.composeButton.addEventListener("click", function () { self.showCompose(); });
      this.foot = el("div", "foot", "", { part: "footer" }, this.composeButton);
      this.panel.appendChild(this.foot);
      this.panel.addEventListener("keydown", function (event) { self.onKey(event); });
      this.options.launcher.setAttribute("aria-controls", "kb-panel");
      this.panel.id = "kb-panel";
    } else {
      this.panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && self.stack.length) self.back();
      });
    }
    this.searchView = this.buildSearch();
    this.body.appendChild(this.searchView);
    this.shadow.appendChild(this.panel);
    if (inline) this.watchForm(this.options.form);
  };

  Widget.prototype.buildSearch = function () {
    var self = this;
    var view = el("div", "view search");
    this.status = el("p", "status", "", { role: "status", "aria-live": "polite" });
    this.failed = el("div", "message", "", { role: "alert", hidden: true });
    this.listLabel = el("p", "label", "", { hidden: true });
    this.list = el("ul", "results", "", { role: "list" });
    if (!this.options.inline) {
      this.input = el("input", "", "", {
        type: "search",
        part: "input",
        autocomplete: "off",
        spellcheck: "false",
        enterkeyhint: "search",
        maxlength: "1000",
        "aria-label": this.t("widget.search.label"),
        placeholder: this.t("widget.search.placeholder")
      });
      var typed = coalesce(function () { self.refresh(); });
      this.input.addEventListener("input", typed);
      this.input.addEventListener("keydown", function (event) {
        if (event.key === "ArrowDown") {
          var first = self.list.querySelector(".result");
          if (first) {
            event.preventDefault();
            first.focus();
          }
        } else if (event.key === "Enter") {
          event.preventDefault();
          self.refresh(true);
        }
      });
      view.appendChild(el("div", "find", "", null, icon("search"), this.input));
    }
    this.list.addEventListener("keydown", function (event) { self.moveInList(event); });
    view.appendChild(this.status);
    view.appendChild(this.failed);
    view.appendChild(this.listLabel);
    view.appendChild(this.list);
    return view;
  };

  /** The friendly message when the index cannot load, with the way to write to support. */
  Widget.prototype.showFailure = function () {
    if (!this.failed) return;
    clear(this.failed);
    this.failed.appendChild(el("p", "", this.t("widget.error.index")));
    var email = this.options.email;
    if (email) {
      this.failed.appendChild(el("a", "", this.t("widget.contact", email), {
        href: "mailto:" + email
      }));
    }
    this.failed.hidden = false;
    this.status.textContent = "";
  };

  Widget.prototype.countLine = function (count, fallback) {
    var category = "other";
    try {
      category = new Intl.PluralRules(this.lang).select(count);
    } catch (error) {
      category = count === 1 ? "one" : "other";
    }
    var form = count === 0 ? this.t("search.result.none")
      : this.t("search.result." + category) || this.t("search.result.other");
    var line = form.replace("#", String(count));
    return fallback && count ? this.t("search.result.fallback") + " " + line : line;
  };

  /** Renders results (or suggestions) as buttons that open the answer in the panel. */
  Widget.prototype.renderList = function (list, items, label) {
    var self = this;
    clear(list);
    items.forEach(function (item) {
      var title = el("span", "result-title", item.title);
      if (item.fallback && self.settings.fallback_label) {
        title.appendChild(el("span", "badge", self.settings.fallback_label, {
          lang: self.settings.default_lang
        }));
      }
      var button = el("button", "result", "", {
        type: "button", part: "result", "data-kb-ref": item.ref
      }, title,
        item.summary ? el("span", "result-summary", item.summary) : null);
      button.addEventListener("click", function () { self.showAnswer(item, button); });
      list.appendChild(el("li", "", "", null, button));
    });
    if (label !== undefined && list === this.list) {
      this.listLabel.textContent = label || "";
      this.listLabel.hidden = !label || !items.length;
    }
  };

  /** Search for what is typed (or show the page's suggestions when nothing is). */
  Widget.prototype.refresh = function (openFirst) {
    var self = this;
    if (!this.settings || this.options.inline) return;
    var text = this.input.value;
    this.query = text;
    if (!text.trim()) {
      this.status.textContent = "";
      this.startItems().then(function (start) {
        if (self.input.value.trim()) return;
        self.renderList(self.list, start.items, start.label);
        self.list.setAttribute("data-kb-query", "");
      });
      return;
    }
    if (this.failed && !this.failed.hidden) return;
    this.status.textContent = this.t("widget.loading");
    this.search(text, RESULTS).then(function (items) {
      if (text !== self.input.value) return; // the reader typed on
      self.renderList(self.list, items, "");
      self.status.textContent = self.countLine(items.length, items.length && items[0].fallback);
      self.list.setAttribute("data-kb-query", text); // what these results answer
      if (openFirst === true && items.length) self.showAnswer(items[0], null);
    }, function () { /* showFailure has said it */ });
  };

  Widget.prototype.moveInList = function (event) {
    var buttons = Array.prototype.slice.call(event.currentTarget.querySelectorAll(".result"));
    var at = buttons.indexOf(this.shadow.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at < buttons.length - 1) {
      event.preventDefault();
      buttons[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (at > 0) buttons[at - 1].focus();
      else if (this.input) this.input.focus();
    }
  };

  // ---- views --------------------------------------------------------------------------------

  Widget.prototype.views = function () {
    return Array.prototype.slice.call(this.body.children);
  };

  /** Shows one view (search, answer, compose, sent), remembering where to go back to. */
  Widget.prototype.show = function (view, opener, keep) {
    var current = this.views().filter(function (v) { return !v.hidden; })[0];
    if (current && current !== view && !keep) {
      this.stack.push({ view: current, focus: opener || null });
    }
    if (view.parentNode !== this.body) this.body.appendChild(view);
    this.views().forEach(function (v) { v.hidden = v !== view; });
    this.backButton.hidden = this.stack.length === 0;
    this.title.textContent = this.t(view.kbTitle ||
      (this.options.inline ? "widget.attach.title" : "widget.title"));
    if (this.foot) this.foot.hidden = view.kbNoFoot === true;
    this.body.scrollTop = 0;
  };

  Widget.prototype.back = function () {
    var previous = this.stack.pop();
    if (!previous) return;
    var view = previous.view;
    this.views().forEach(function (v) { v.hidden = v !== view; });
    // A view left by "back" is rebuilt next time; the search view stays.
    this.views().forEach(function (v) {
      if (v.hidden && v !== this.searchView && v !== this.composeView) v.remove();
    }, this);
    this.backButton.hidden = this.stack.length === 0;
    this.title.textContent = this.t(view.kbTitle ||
      (this.options.inline ? "widget.attach.title" : "widget.title"));
    if (this.foot) this.foot.hidden = view.kbNoFoot === true;
    var target = previous.focus && previous.focus.isConnected ? previous.focus : null;
    if (!target) target = view === this.searchView ? this.input : this.firstField(view);
    if (target) target.focus();
  };

  Widget.prototype.firstField = function (view) {
    return view && view.querySelector("input, textarea, button, a[href]");
  };

  /** The answer inside the panel: the article's own HTML, sanitised, and a link to it. */
  Widget.prototype.showAnswer = function (item, opener) {
    var self = this;
    var heading = el("h3", "", item.title, { tabindex: "-1" });
    if (item.fallback && this.settings.fallback_label) {
      heading.appendChild(el("span", "badge", this.settings.fallback_label, {
        lang: this.settings.default_lang
      }));
    }
    var content = el("div", "content", "", { part: "answer", "aria-busy": "true" },
      el("p", "status", this.t("widget.loading")));
    var link = el("a", "button secondary article", "", {
      href: item.href, target: "_blank", rel: "noopener"
    }, el("span", "", this.t("widget.article")), icon("open"),
    el("span", "sr", " (" + this.t("widget.new_tab") + ")"));
    var view = el("article", "view answer", "", { "aria-labelledby": "kb-answer-title" },
      heading, content, link);
    heading.id = "kb-answer-title";
    this.views().forEach(function (v) {
      if (v.classList.contains("answer")) v.id = "";
    });
    this.show(view, opener);
    heading.focus();
    once(item.href, page).then(function (result) {
      var doc = new DOMParser().parseFromString(result.html, "text/html");
      var article = doc.querySelector("article.md-content__inner") || doc.querySelector("article");
      if (!article) throw new Error("no article in " + item.href);
      var fragment = ns.sanitise(article, result.url || item.href, {
        strip: STRIP, headingShift: 2, newTab: true
      });
      clear(content).appendChild(fragment);
      content.removeAttribute("aria-busy");
    }).catch(function (error) {
      console.error(PREFIX, "the answer did not load", error);
      clear(content).appendChild(el("p", "", self.t("widget.error.answer")));
      content.removeAttribute("aria-busy");
    });
  };

  // ---- attach mode --------------------------------------------------------------------------

  /** The form's question: what is typed into its text fields, never personal fields. */
  function formText(form) {
    var parts = [];
    var fields = form.querySelectorAll("textarea, input");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      var type = (field.getAttribute("type") || "text").toLowerCase();
      if (field.localName === "input" && type !== "text" && type !== "search") continue;
      var names = [field.name, field.id, field.getAttribute("autocomplete")].join(" ");
      if (PERSONAL.test(names)) continue;
      if (typeof field.value === "string" && field.value.trim()) parts.push(field.value);
    }
    return parts.join("\n").slice(0, FORM_TEXT_LIMIT);
  }

  Widget.prototype.watchForm = function (form) {
    var self = this;
    if (!form) return;
    var update = debounce(function () {
      var text = formText(form);
      if (!text.trim()) {
        self.showTopics();
        return;
      }
      self.search(text, SUGGESTIONS).then(function (items) {
        if (formText(form) !== text) return;
        self.renderList(self.list, items);
        self.list.setAttribute("data-kb-query", text);
        self.panel.hidden = !items.length && !self.stack.length;
      }, function () { /* the index did not load: the form itself is the way to support */ });
    }, FORM_DELAY);
    // Reads the fields on every change; never writes to them, never submits.
    form.addEventListener("input", update);
    this.showTopics();
    if (formText(form).trim()) update();
  };

  Widget.prototype.showTopics = function () {
    var self = this;
    this.topicItems().then(function (items) {
      if (self.options.form && formText(self.options.form).trim()) return;
      self.renderList(self.list, items);
      self.panel.hidden = !items.length && !self.stack.length;
    });
  };

  // ---- open, close, keyboard ----------------------------------------------------------------

  Widget.prototype.isOpen = function () {
    return !!this.panel && !this.panel.hidden;
  };

  Widget.prototype.open = function () {
    var self = this;
    if (this.options.inline) return Promise.resolve();
    var launcher = this.options.launcher;
    launcher.setAttribute("aria-busy", "true");
    if (this.indexDown) {
      this.indexDown = false; // tried again each time the panel opens
      this.own = null;
    }
    return this.prepare().then(function () {
      self.index();
      launcher.setAttribute("aria-busy", "false");
      self.panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      var current = self.views().filter(function (v) { return !v.hidden; })[0];
      if (current === self.searchView) {
        self.input.focus();
        if (!self.input.value.trim()) self.refresh();
      } else if (current) {
        (current.querySelector("h3[tabindex]") || self.firstField(current) || self.panel).focus();
      }
    }, function () {
      launcher.setAttribute("aria-busy", "false");
      if (self.options.offline) self.options.offline();
    });
  };

  Widget.prototype.close = function () {
    if (!this.isOpen()) return;
    this.saveDraft();
    this.panel.hidden = true;
    this.options.launcher.setAttribute("aria-expanded", "false");
    this.options.launcher.focus();
  };

  Widget.prototype.toggle = function () {
    return this.isOpen() ? this.close() : this.open();
  };

  function visible(element) {
    return !element.disabled && !element.closest("[hidden]") && element.getClientRects().length;
  }

  /** Esc closes; Tab and Shift+Tab go round inside the open panel. */
  Widget.prototype.onKey = function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      this.close();
      return;
    }
    if (event.key !== "Tab") return;
    var focusable = Array.prototype.slice.call(this.panel.querySelectorAll(
      "button, a[href], input, textarea, summary, [tabindex]:not([tabindex='-1'])"
    )).filter(visible);
    if (!focusable.length) return;
    var first = focusable[0], last = focusable[focusable.length - 1];
    var active = this.shadow.activeElement;
    if (event.shiftKey && (active === first || focusable.indexOf(active) < 0)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || focusable.indexOf(active) < 0)) {
      event.preventDefault();
      first.focus();
    }
  };

  // ---- the guided email -----------------------------------------------------------------------

  var FIELDS = [
    { name: "subject", label: "widget.compose.subject", hint: "widget.compose.subject.hint" },
    { name: "order", label: "widget.compose.order" },
    { name: "happened", label: "widget.compose.happened", hint: "widget.compose.happened.hint",
      multiline: true },
    { name: "want", label: "widget.compose.want", hint: "widget.compose.want.hint",
      multiline: true, rows: 3 },
    { name: "email", label: "widget.compose.email", type: "email", postOnly: true }
  ];

  Widget.prototype.readDraft = function () {
    var store = storage();
    var draft = {};
    try {
      var saved = store && JSON.parse(store.getItem(this.draftKey) || "null");
      if (saved && typeof saved === "object") draft = saved;
    } catch (error) {
      draft = {};
    }
    var clean = {};
    FIELDS.forEach(function (field) {
      clean[field.name] = typeof draft[field.name] === "string" ? draft[field.name] : "";
    });
    return clean;
  };

  Widget.prototype.saveDraft = function () {
    if (!this.draft) return;
    var store = storage();
    if (!store) return;
    var draft = this.draft;
    var empty = FIELDS.every(function (field) { return !draft[field.name].trim(); });
    try {
      if (empty) store.removeItem(this.draftKey);
      else store.setItem(this.draftKey, JSON.stringify(draft));
    } catch (error) {
      /* full or blocked: the draft is simply not kept */
    }
  };

  Widget.prototype.clearDraft = function () {
    var store = storage();
    try {
      if (store) store.removeItem(this.draftKey);
    } catch (error) {
      /* nothing was kept */
    }
    this.draft = null;
    if (this.composeView) this.composeView.remove();
    this.composeView = null;
  };

  Widget.prototype.route = function () {
    if (this.options.endpoint) return "post";
    return this.options.email ? "mailto" : "copy";
  };

  Widget.prototype.showCompose = function () {
    if (!this.composeView) this.composeView = this.buildCompose();
    this.show(this.composeView, this.composeButton);
    this.update();
    this.composeView.querySelector("input").focus();
  };

  Widget.prototype.buildCompose = function () {
    var self = this;
    var needEmail = this.route() === "post";
    this.draft = this.readDraft();
    this.inputs = {};
    this.checkLists = {};
    var view = el("form", "view compose", "", { part: "composer", novalidate: true });
    view.kbTitle = "widget.compose.title";
    view.kbNoFoot = true;
    view.addEventListener("submit", function (event) { event.preventDefault(); });
    view.appendChild(el("p", "intro", this.t("widget.compose.intro")));
    FIELDS.forEach(function (field) {
      if (field.postOnly && !needEmail) return;
      var id = "kb-field-" + field.name;
      var hintId = field.hint ? id + "-hint" : null;
      var checksId = id + "-checks";
      var input = field.multiline
        ? el("textarea", "", "", { id: id, rows: field.rows || 4 })
        : el("input", "", "", {
          id: id, type: field.type || "text", autocomplete: field.type === "email" ? "email" : "off"
        });
      input.setAttribute("aria-describedby", (hintId ? hintId + " " : "") + checksId);
      input.value = self.draft[field.name];
      input.addEventListener("input", function () {
        self.draft[field.name] = input.value;
        self.saveSoon();
        self.updateSoon();
      });
      self.inputs[field.name] = input;
      var checks = el("ul", "checks", "", { id: checksId, "aria-live": "polite" });
      self.checkLists[field.name] = checks;
      view.appendChild(el("div", "field", "", null,
        el("label", "", self.t(field.label), { for: id }),
        hintId ? el("p", "hint", self.t(field.hint), { id: hintId }) : null,
        input, checks));
    });
    this.suggestLabel = el("p", "label", this.t("widget.compose.suggest"), { hidden: true });
    this.suggestList = el("ul", "results", "", { role: "list" });
    this.suggestList.addEventListener("keydown", function (event) { self.moveInList(event); });
    view.appendChild(this.suggestLabel);
    view.appendChild(this.suggestList);
    this.previewText = el("pre", "", "");
    view.appendChild(el("details", "preview", "", null,
      el("summary", "", this.t("widget.compose.preview")), this.previewText));
    this.sendNote = el("p", "note", "", { role: "status" });
    var actions = el("div", "actions");
    var route = this.route();
    if (route === "post") {
      this.sendButton = el("button", "button primary", this.t("widget.send.post"), {
        type: "button", part: "button"
      });
      this.sendButton.addEventListener("click", function () { self.post(); });
      actions.appendChild(this.sendButton);
    } else if (route === "mailto") {
      this.mailLink = el("a", "button primary", this.t("widget.send.mailto"), { part: "button" });
      this.mailLink.addEventListener("click", function (event) { self.onMailto(event); });
      actions.appendChild(this.mailLink);
    }
    var copy = el("button", "button secondary", this.t("widget.send.copy"), {
      type: "button", part: "button"
    });
    copy.addEventListener("click", function () { self.copy(); });
    this.copyButton = copy;
    actions.appendChild(copy);
    view.appendChild(this.sendNote);
    view.appendChild(actions);
    var discard = el("button", "link", this.t("widget.compose.discard"), { type: "button" });
    discard.addEventListener("click", function () {
      self.clearDraft();
      self.showCompose();
    });
    view.appendChild(el("p", "draft", "", null, el("span", "", this.t("widget.compose.draft")),
      discard));
    this.saveSoon = debounce(function () { self.saveDraft(); }, SAVE_DELAY);
    // Typing, then leaving the page at once: the last words are kept too.
    window.addEventListener("pagehide", function () { self.saveDraft(); });
    this.updateSoon = debounce(function () { self.update(); }, CHECK_DELAY);
    this.suggestSoon = debounce(function () { self.suggest(); }, FORM_DELAY);
    return view;
  };

  /** Checks, preview and the send buttons, after every change. */
  Widget.prototype.update = function () {
    var self = this;
    if (!this.draft || !this.composeView) return;
    var compose = ns.compose;
    var needEmail = this.route() === "post";
    var found = compose.check(this.draft, this.lang, this.words, {
      orderPattern: this.settings.order_pattern,
      stopwords: this.stopwords,
      needEmail: needEmail
    });
    var blocked = found.some(function (item) { return item.block; });
    Object.keys(this.checkLists).forEach(function (name) {
      var list = clear(self.checkLists[name]);
      var mine = found.filter(function (item) { return item.field === name; });
      mine.forEach(function (item) {
        list.appendChild(el("li", item.block ? "check block" : "check",
          self.t("widget.check." + item.code)));
      });
      var invalid = mine.some(function (item) { return item.block; });
      if (invalid) self.inputs[name].setAttribute("aria-invalid", "true");
      else self.inputs[name].removeAttribute("aria-invalid");
    });
    var message = compose.message(this.draft, this.words);
    this.lastMessage = message;
    this.previewText.textContent = message.text;
    var complete = compose.complete(this.draft, { needEmail: needEmail });
    var note = "";
    if (blocked) note = this.t("widget.compose.blocked");
    else if (!complete) note = this.t("widget.compose.required");
    var href = "";
    if (this.mailLink) {
      href = compose.mailto(this.options.email, message.subject, message.body);
      if (!href && !blocked && complete) note = this.t("widget.send.toolong");
    }
    this.sendNote.textContent = note;
    this.sendNote.className = blocked ? "note stop" : "note";
    var canSend = !blocked && complete && (this.mailLink ? !!href : true);
    if (this.mailLink) {
      if (canSend) this.mailLink.setAttribute("href", href);
      else this.mailLink.removeAttribute("href");
      this.mailLink.setAttribute("aria-disabled", canSend ? "false" : "true");
      // Without href an <a> is not focusable; keep it reachable so its state can be read.
      this.mailLink.setAttribute("tabindex", "0");
      this.mailLink.setAttribute("role", "link");
    }
    if (this.sendButton) this.sendButton.setAttribute("aria-disabled", canSend ? "false" : "true");
    this.copyButton.setAttribute("aria-disabled", blocked || !complete ? "true" : "false");
    this.suggestSoon();
  };

  /** While the customer writes, answers that match the subject and the story. */
  Widget.prototype.suggest = function () {
    var self = this;
    if (!this.draft) return;
    var text = [this.draft.subject, this.draft.happened, this.draft.want].join("\n");
    if (!text.trim()) {
      clear(this.suggestList);
      this.suggestLabel.hidden = true;
      return;
    }
    this.search(text.slice(0, FORM_TEXT_LIMIT), SUGGESTIONS).then(function (items) {
      if (!self.draft) return;
      self.renderList(self.suggestList, items);
      self.suggestLabel.hidden = !items.length;
    }, function () { /* no index: no suggestions, the email still works */ });
  };

  Widget.prototype.sendable = function () {
    this.update();
    return this.draft && this.lastMessage &&
      !ns.compose.check(this.draft, this.lang, this.words, {
        orderPattern: this.settings.order_pattern,
        needEmail: this.route() === "post"
      }).some(function (item) { return item.block; }) &&
      ns.compose.complete(this.draft, { needEmail: this.route() === "post" });
  };

  Widget.prototype.onMailto = function (event) {
    if (!this.sendable() || !this.mailLink.getAttribute("href")) {
      event.preventDefault();
      return;
    }
    // The mail program takes it from here: the draft has been sent on.
    var message = this.lastMessage;
    this.clearDraft();
    this.showSent(this.t("widget.send.opened"), message);
  };

  Widget.prototype.post = function () {
    var self = this;
    if (!this.sendable() || this.sending) return;
    var message = this.lastMessage;
    var data = new FormData();
    data.append("subject", message.subject);
    data.append("message", message.body);
    data.append("order", this.draft.order.trim());
    data.append("email", this.draft.email.trim());
    data.append("lang", this.lang);
    this.sending = true;
    this.sendNote.className = "note";
    this.sendNote.textContent = this.t("widget.send.sending");
    this.sendButton.setAttribute("aria-disabled", "true");
    // FormData is a simple request: no preflight, so any form service can take it.
    fetch(this.options.endpoint, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "omit",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      self.sending = false;
      self.clearDraft();
      self.showSent(self.t("widget.send.sent"), null);
    }).catch(function (error) {
      console.error(PREFIX, "the message was not sent", error);
      self.sending = false;
      self.sendNote.className = "note stop";
      self.sendNote.textContent = self.t("widget.send.failed");
      self.sendButton.setAttribute("aria-disabled", "false");
    });
  };

  /** Copies the message; the clipboard API where allowed, else a selected text area. */
  Widget.prototype.copy = function (message, note) {
    var self = this;
    if (!message) {
      if (!this.sendable()) return;
      message = this.lastMessage;
    }
    note = note || this.sendNote;
    var email = this.options.email;
    var done = function () {
      note.className = "note";
      note.textContent = email ? self.t("widget.send.copied", email)
        : self.t("widget.send.copied.plain");
    };
    var fallback = function () {
      var area = el("textarea", "sr", "", { "aria-hidden": "true", tabindex: "-1" });
      area.value = message.text;
      self.panel.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (error) {
        ok = false;
      }
      area.remove();
      if (ok) done();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(message.text).then(done, fallback);
    } else {
      fallback();
    }
  };

  Widget.prototype.showSent = function (text, message) {
    var self = this;
    var view = el("div", "view sent", "", { role: "status" });
    view.kbTitle = "widget.compose.title";
    view.kbNoFoot = true;
    var paragraph = el("p", "", text, { tabindex: "-1" });
    view.appendChild(el("div", "message", "", null, paragraph));
    var actions = el("div", "actions");
    if (message) {
      var note = el("p", "note", "", { role: "status" });
      var copy = el("button", "button secondary", this.t("widget.send.copy"), { type: "button" });
      copy.addEventListener("click", function () { self.copy(message, note); });
      actions.appendChild(copy);
      view.appendChild(note);
    }
    var again = el("button", "button primary", this.t("widget.send.again"), { type: "button" });
    again.addEventListener("click", function () {
      view.remove();
      self.stack = [];
      self.show(self.searchView, null, true);
      self.showCompose();
    });
    actions.appendChild(again);
    view.appendChild(actions);
    // Sent: "back" leads to the search, not to the emptied composer.
    this.stack = [{ view: this.searchView, focus: null }];
    this.show(view, null, true);
    this.backButton.hidden = false;
    paragraph.focus();
  };

  /** Mounts the widget on a <kb-help> element (called by the bootstrap). */
  ns.mount = function (host, shadow, options) {
    var widget = new Widget(host, shadow, options || {});
    if (widget.options.inline) {
      widget.prepare().then(null, function () {
        if (widget.options.offline) widget.options.offline();
      });
    }
    var api = {
      open: function () { return widget.open(); },
      close: function () { widget.close(); },
      toggle: function () { return widget.toggle(); }
    };
    return api;
  };
})(typeof self !== "undefined" ? self : globalThis);
