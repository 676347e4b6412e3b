/* Helpfirst help widget: the panel, loaded by the bootstrap (/widget.js) on first use.
 *
 * ns.mount(host, shadowRoot, options) -> {open, close, toggle}
 *
 * Floating mode: a dialog beside the launcher with a search box (answers as the customer types,
 * with the site's analysers), suggestions for the page before anything is typed, each answer
 * shown inside the panel (the article's own HTML, sanitised) with a link to the article, and
 * the guided email ("Still need help?"). Inline mode (data-kb-attach): a box after a form that
 * suggests answers to what is typed into the form's fields, without changing the form.
 *
 * This file holds the panel's frame: words and settings, the header, the views' stack (back),
 * open, close and the keyboard. Each view adds its methods to the Panel class from its own
 * file, loaded after this one: search-view.js (the search box, results, suggestions and the
 * attached form), answer-view.js (an answer inside the panel) and compose-view.js (the guided
 * email; its checks are compose.js). The look is panel.css, a constructable stylesheet.
 *
 * Data comes from the help site only: `assets/kb/widget/<lang>.json` (words, topics, settings;
 * hooks/helpfirst/adapter/widget_assets.py), `search/kb-<lang>.json` (the search index;
 * hooks/helpfirst/adapter/search_index.py), `assets/kb/widget/panel.css` (served minified; the
 * settings and the stylesheet by their versioned names, which the bootstrap knows) and the
 * answers built for the widget (`answers/<id>.json`). Like the site's search worker (the same
 * search.js), a query that finds nothing in the reader's language is answered from the
 * default language's index, labelled. Everything the customer types is set as text, never as
 * HTML.
 */
((root) => {
  "use strict";

  // The widget's namespace: a Symbol, which no host element can shadow (widget.js). Each of
  // the widget's files is a classic script loaded on its own, so each looks it up itself.
  const KEY = Symbol.for("helpfirst.widget");
  const ns = root[KEY] || (root[KEY] = {});
  if (ns.mount) return;

  const PREFIX = "[kb-help]";
  const SVG = "http://www.w3.org/2000/svg";
  // Shared by the search view (the attached form) and the guided email's suggestions.
  const SUGGESTIONS = 3;
  const FORM_DELAY = 250;
  // The most text searched at once (the search box's maxlength too): search.py's
  // MAX_QUERY_CHARS, past which a query is not read anyway.
  const FORM_TEXT_LIMIT = 1000;
  const ICONS = {
    close: "M6 6l12 12M18 6L6 18",
    back: "M15 5l-7 7 7 7",
    search: "M10.5 17a6.5 6.5 0 1 1 0-13 6.5 6.5 0 0 1 0 13zM20 20l-4.8-4.8",
    open: "M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5",
    mail: "M4 6h16v12H4zM4 7l8 6 8-6"
  };
  const STYLESHEET = "assets/kb/widget/panel.css";

  let sheet = null;
  const cache = Object.create(null);

  // ---- small helpers, shared with the views -------------------------------------------------

  /** An element with a class, text and attributes; children appended. Never sets HTML. */
  function el(tag, className, text, attributes, ...children) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text != null && text !== "") element.textContent = String(text);
    if (attributes) {
      Object.keys(attributes).forEach((name) => {
        const value = attributes[name];
        if (value !== null && value !== undefined && value !== false) {
          element.setAttribute(name, value === true ? "" : String(value));
        }
      });
    }
    for (const child of children) {
      if (child) element.appendChild(child);
    }
    return element;
  }

  function icon(name) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(SVG, "path");
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
    let pending = false;
    return () => {
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        try {
          fn();
        } catch (error) {
          console.error(PREFIX, error);
        }
      }, 0);
    };
  }

  /** fn after `delay` ms without another call; `.cancel()` drops a pending call. */
  function debounce(fn, delay) {
    let timer = null;
    const later = (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          fn(...args);
        } catch (error) {
          console.error(PREFIX, error);
        }
      }, delay);
    };
    later.cancel = () => { clearTimeout(timer); };
    return later;
  }

  /** One request per URL for every widget on the page; a failed one is tried again later.
   * No credentials and no referrer: the help site learns nothing about the page or reader. */
  function once(url, read) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "omit", referrerPolicy: "no-referrer" })
        .then((response) => {
          if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
          return read(response);
        });
      cache[url].catch(() => { delete cache[url]; });
    }
    return cache[url];
  }

  function json(response) { return response.json(); }
  function text(response) { return response.text(); }
  function visible(element) {
    return !element.disabled && !element.closest("[hidden]") && element.getClientRects().length;
  }

  // ---- the panel ------------------------------------------------------------------------------

  class Panel {
    constructor(host, shadow, options) {
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
      this.stack = [];
      this.stopwords = [];
      this.draft = null;
      this.lastMessage = null;
      this.visit = null;
      this.seen = [];
      this.draftKey = "kb-help:draft:" + new URL(this.base).origin;
    }

    t(key, email) {
      const text = (this.words && this.words[key]) || "";
      return email === undefined ? text : text.replace("{email}", email);
    }

    /** Words, settings and the stylesheet first (the panel cannot speak or show without them);
     * the index meanwhile: its download starts with theirs, not after it. */
    prepare() {
      if (!this.ready) {
        // The versioned names of the settings and the stylesheet (helpfirst.widget).
        const assets = this.site.assets || {};
        once(this.indexUrl(this.lang), json);
        this.ready = Promise.all([
          once(this.base + (assets.settings && assets.settings[this.lang] ||
            "assets/kb/widget/" + this.lang + ".json"), json),
          once(this.base + (assets.stylesheet || STYLESHEET), text),
        ]).then(([settings, css]) => {
          this.settings = settings;
          this.words = settings.strings || {};
          this.build(css);
          this.index();
          return this;
        });
        this.ready.catch((error) => {
          console.error(PREFIX, "the widget's words or stylesheet did not load", error);
          this.ready = null;
        });
      }
      return this.ready;
    }

    /** The panel's elements, styled by panel.css: one constructable stylesheet for every
     * widget on the page, which a strict CSP allows (a <style> only where there is none). */
    build(css) {
      const inline = this.options.inline;
      if (!sheet && this.shadow.adoptedStyleSheets && root.CSSStyleSheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      }
      if (sheet) {
        this.shadow.adoptedStyleSheets = this.shadow.adoptedStyleSheets.concat([sheet]);
      } else {
        this.shadow.appendChild(el("style", "", css));
      }
      const titleId = "kb-title";
      this.title = el("h2", "", this.t(inline ? "widget.attach.title" : "widget.title"),
        { id: titleId });
      this.backButton = el("button", "icon back", "", {
        type: "button", "aria-label": this.t("widget.back"), hidden: true
      }, icon("back"));
      this.backButton.addEventListener("click", () => { this.back(); });
      const head = el("div", "head", "", { part: "header" }, this.backButton, this.title);
      this.body = el("div", "body", "", { part: "body" });
      this.panel = el(inline ? "section" : "div", inline ? "inline" : "panel", "", {
        part: "panel",
        role: inline ? "region" : "dialog",
        "aria-modal": inline ? null : "false",
        "aria-labelledby": titleId,
        hidden: true
      }, head, this.body);
      if (!inline) {
        const close = el("button", "icon close", "", {
          type: "button", "aria-label": this.t("widget.close")
        }, icon("close"));
        close.addEventListener("click", () => { this.close(); });
        head.appendChild(close);
        this.composeButton = el("button", "button secondary wide", "", { type: "button" },
          icon("mail"), el("span", "", this.t("widget.compose.open")));
        this.composeButton.addEventListener("click", () => { this.showCompose(); });
        this.foot = el("div", "foot", "", { part: "footer" }, this.composeButton);
        this.panel.appendChild(this.foot);
        this.panel.addEventListener("keydown", (event) => { this.onKey(event); });
        this.options.launcher.setAttribute("aria-controls", "kb-panel");
        this.panel.id = "kb-panel";
      } else {
        this.panel.addEventListener("keydown", (event) => {
          if (event.key === "Escape" && this.stack.length) this.back();
        });
      }
      this.searchView = this.buildSearch();
      this.body.appendChild(this.searchView);
      this.shadow.appendChild(this.panel);
      if (inline) this.watchForm(this.options.form);
    }

    views() {
      return Array.from(this.body.children);
    }

    /** Shows one view (search, answer, compose, sent), remembering where to go back to. */
    show(view, opener, keep) {
      const current = this.views().filter((v) => !v.hidden)[0];
      if (current && current !== view && !keep) {
        this.stack.push({ view: current, focus: opener || null });
      }
      if (view.parentNode !== this.body) this.body.appendChild(view);
      this.views().forEach((v) => { v.hidden = v !== view; });
      this.backButton.hidden = this.stack.length === 0;
      this.title.textContent = this.t(view.kbTitle ||
        (this.options.inline ? "widget.attach.title" : "widget.title"));
      if (this.foot) this.foot.hidden = view.kbNoFoot === true;
      this.body.scrollTop = 0;
    }

    back() {
      const previous = this.stack.pop();
      if (!previous) return;
      const view = previous.view;
      this.views().forEach((v) => { v.hidden = v !== view; });
      // A view left by "back" is rebuilt next time; the search view stays.
      this.views().forEach((v) => {
        if (v.hidden && v !== this.searchView && v !== this.composeView) v.remove();
      });
      this.backButton.hidden = this.stack.length === 0;
      this.title.textContent = this.t(view.kbTitle ||
        (this.options.inline ? "widget.attach.title" : "widget.title"));
      if (this.foot) this.foot.hidden = view.kbNoFoot === true;
      let target = previous.focus && previous.focus.isConnected ? previous.focus : null;
      if (!target) target = view === this.searchView ? this.input : this.firstField(view);
      if (target) target.focus();
    }

    firstField(view) {
      return view && view.querySelector("input, textarea, button, a[href]");
    }

    isOpen() {
      return !!this.panel && !this.panel.hidden;
    }

    /** An entry's id: the last part of its search reference. */
    entryId(item) {
      return String(item.ref).split("/").pop();
    }

    /** One insights event of this panel's visit (assets/kb/insights.js), begun when the panel
     * first opens from the settings' `insights` facts, the address below the help site's root;
     * with insights off (or the reader's Global Privacy Control) nothing is sent. */
    record(type, fields, options) {
      const insights = root[Symbol.for("helpfirst.insights")];
      if (!insights || !this.settings || this.options.inline) return;
      if (!this.visit) {
        const facts = this.settings.insights || {};
        this.visit = insights.visit(facts.mode === "log" || facts.mode === "endpoint" ? {
          mode: facts.mode, url: new URL(facts.url, this.base).href, lang: this.lang, where: "widget"
        } : null);
      }
      this.visit.record(type, fields, options);
    }

    open() {
      if (this.options.inline) return Promise.resolve();
      const launcher = this.options.launcher;
      launcher.setAttribute("aria-busy", "true");
      if (this.indexDown) {
        this.indexDown = false; // tried again each time the panel opens
        this.own = null;
      }
      return this.prepare().then(() => {
        this.index();
        launcher.setAttribute("aria-busy", "false");
        this.panel.hidden = false;
        launcher.setAttribute("aria-expanded", "true");
        if (!this.visit) this.record("start");
        const current = this.views().filter((v) => !v.hidden)[0];
        if (current === this.searchView) {
          this.input.focus();
          if (!this.input.value.trim()) this.refresh();
        } else if (current) {
          (current.querySelector("h3[tabindex]") || this.firstField(current) || this.panel).focus();
        }
      }, () => {
        launcher.setAttribute("aria-busy", "false");
        if (this.options.offline) this.options.offline();
      });
    }

    close() {
      if (!this.isOpen()) return;
      this.saveDraft();
      this.panel.hidden = true;
      this.options.launcher.setAttribute("aria-expanded", "false");
      this.options.launcher.focus();
    }

    toggle() {
      return this.isOpen() ? this.close() : this.open();
    }

    /** Esc closes; Tab and Shift+Tab go round inside the open panel. */
    onKey(event) {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
        return;
      }
      if (event.key !== "Tab") return;
      const focusable = Array.from(this.panel.querySelectorAll(
        "button, a[href], input, textarea, summary, [tabindex]:not([tabindex='-1'])"
      )).filter(visible);
      if (!focusable.length) return;
      const first = focusable[0], last = focusable[focusable.length - 1];
      const active = this.shadow.activeElement;
      if (event.shiftKey && (active === first || focusable.indexOf(active) < 0)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || focusable.indexOf(active) < 0)) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  ns.Panel = Panel;
  ns.parts = Object.freeze({
    PREFIX, SUGGESTIONS, FORM_DELAY, FORM_TEXT_LIMIT, el, icon, clear, coalesce, debounce, once, json,
  });

  /** Mounts the widget on a <kb-help> element (called by the bootstrap, once every view has
   * loaded). */
  ns.mount = (host, shadow, options) => {
    const panel = new Panel(host, shadow, options || {});
    if (panel.options.inline) {
      panel.prepare().then(null, () => {
        if (panel.options.offline) panel.options.offline();
      });
    }
    return {
      open: () => panel.open(),
      close: () => { panel.close(); },
      toggle: () => panel.toggle(),
    };
  };
})(typeof self !== "undefined" ? self : globalThis);
