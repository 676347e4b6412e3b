/* Helpfirst site behaviour on top of Material: runs on every page, also after instant
 * navigation (Material's document$ observable), and does nothing where a feature is absent. */
(() => {
  "use strict";

  const PREFIX = "[kb-help]";

  /* Material treats every <link rel=alternate> as the root of another language's site and
   * requests "sitemap.xml" beside it. Pages here carry page-level hreflang links (for crawlers)
   * and a link to their Markdown twin (for assistants), so those requests would go to URLs that
   * do not exist, on the published host; the switcher is re-pointed by
   * updateSwitcher instead. This runs before Material's first document$ emission (sync scripts
   * at the end of <body> run before the document becomes interactive), and cancels exactly
   * those requests, without touching the network. */
  function isAlternateSitemap(url) {
    const links = document.querySelectorAll("link[rel=alternate]");
    for (let i = 0; i < links.length; i++) {
      if (new URL("sitemap.xml", links[i].href).href === url) return true;
    }
    return false;
  }
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    try {
      this.kbCancelled = isAlternateSitemap(new URL(String(url), location.href).href);
    } catch (error) {
      this.kbCancelled = false;
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.kbCancelled) {
      this.abort();
      return undefined;
    }
    return send.apply(this, arguments);
  };

  /** Re-point the language switcher to this page's versions (the header survives navigation). */
  function updateSwitcher(root) {
    const holder = root.querySelector("[data-kb-switcher]");
    if (!holder) return;
    let targets;
    try {
      targets = JSON.parse(holder.getAttribute("data-kb-switcher"));
    } catch (error) {
      console.warn(PREFIX, "unreadable language switcher data", error);
      return;
    }
    const links = document.querySelectorAll("a.md-select__link[hreflang]");
    for (let i = 0; i < links.length; i++) {
      const lang = links[i].getAttribute("hreflang");
      if (Object.prototype.hasOwnProperty.call(targets, lang)) {
        links[i].href = new URL(targets[lang], location.href).href;
      }
      /* Another language is a full page load: Material's instant navigation would keep this
       * page's <html lang>, configuration and search worker (which searches this language). */
      if (lang !== document.documentElement.lang) links[i].target = "_self";
    }
  }

  /** Local storage may be missing or blocked (private mode, strict settings): never throw. */
  function remember(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (error) {
      /* the answer simply is not kept */
    }
  }

  /** Insights (assets/kb/insights.js), loaded where `extra.kb.insights` is on. */
  function insights() {
    return window[Symbol.for("helpfirst.insights")];
  }

  /** One insights event (none where insights are off). */
  function record(type, fields, options) {
    const api = insights();
    if (api) api.record(type, fields, options);
  }

  /** "Was this page helpful?": the answer stays in this browser; "no" shows the way to support.
   * With insights on, the answer goes to the team, and "no" asks for a short reason. */
  function setUpFeedback(root) {
    const form = root.querySelector("form[data-kb-feedback]");
    if (!form) return;
    form.hidden = false;
    const key = "kb-feedback:" + location.pathname;
    const entry = form.getAttribute("data-kb-feedback");
    const reason = form.querySelector(".kb-feedback__reason");
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[value]");
      if (!button) return;
      const answer = button.value;
      if (answer === "reason") {
        const text = reason.querySelector("input").value;
        record("vote", { e: entry, vote: "no", r: text });
        reason.querySelector("button").disabled = true;
        reason.querySelector("input").disabled = true;
        form.querySelector(".kb-feedback__thanks").hidden = false;
        return;
      }
      remember(key, answer);
      /* A "no" waits for its reason (or the page's end); a "yes" leaves now. */
      record("vote", { e: entry, vote: answer }, { hold: answer === "no" });
      form.querySelector("fieldset").disabled = true;
      form.querySelector(".kb-feedback__thanks").hidden = answer !== "yes";
      form.querySelector(".kb-feedback__sorry").hidden = answer !== "no";
      if (reason) reason.hidden = answer !== "no";
    });
  }

  /** The search box's words and facts (#kb-search-strings, main.html), or null. */
  function searchStrings() {
    const holder = document.getElementById("kb-search-strings");
    if (!holder) return null;
    try {
      return JSON.parse(holder.textContent);
    } catch (error) {
      console.warn(PREFIX, "unreadable search strings", error);
      return null;
    }
  }

  /** Insights of the site search: each search once the reader pauses (insights.js waits), its
   * number of results, and the result opened (its position and entry id). */
  function setUpSearchInsights(data) {
    const meta = document.querySelector(".md-search-result__meta");
    const input = document.querySelector(".md-search__input");
    if (!data || !meta || !input || !document.getElementById("kb-insights")) return;
    const none = (data.strings || {})["search.result.none"] || "";
    new MutationObserver(() => {
      const text = meta.textContent.trim();
      const count = /\d+/.exec(text);
      const n = text === none ? 0 : count ? parseInt(count[0], 10) : null;
      if (n !== null && input.value.trim()) record("search", { q: input.value, n });
    }).observe(meta, { childList: true, characterData: true, subtree: true });
    const list = meta.parentElement.querySelector(".md-search-result__list");
    if (!list) return;
    list.addEventListener("click", (event) => {
      const link = event.target.closest("a[href]");
      const item = link && link.closest(".md-search-result__item");
      if (!item) return;
      const position = Array.prototype.indexOf.call(list.children, item) + 1;
      const url = new URL(link.href, location.href);
      const path = url.pathname.split("/").filter(Boolean);
      record("open", { p: position, e: path[path.length - 1] || "" });
      /* Material's highlighting carries the query to the next page's address (`?h=`), and so
       * into the access log: it goes there scrubbed too. */
      const api = insights();
      if (api && url.searchParams.has("h")) {
        url.searchParams.set("h", api.scrub(url.searchParams.get("h")));
        link.href = url.href;
      }
    });
  }

  /** Material counts search results in one form ("# results"); rewrite the count with the
   * language's plural rules (Slovenian: 1 zadetek, 2 zadetka, 3 zadetki, 5 zadetkov), and say
   * so when the results come from the default language (marked by the search worker). When the
   * worker cannot load the index (it says so on the `kb-search` channel), say that search is
   * unavailable instead, with the way to write to support. */
  function setUpSearchCount(data) {
    const meta = document.querySelector(".md-search-result__meta");
    if (!data || !meta) return;
    const words = data.strings || {};
    let rules = null;
    try {
      rules = new Intl.PluralRules(data.lang);
    } catch (error) {
      rules = null;
    }
    const list = meta.parentElement.querySelector(".md-search-result__list");
    let written = null;
    let n = null;
    let unavailable = false;
    let contact = null;
    function update() {
      const text = meta.textContent;
      if (unavailable) {
        const line = words["search.unavailable"] || "";
        if (text !== line) meta.textContent = line;
        return;
      }
      if (text !== written) {
        const count = /\d+/.exec(text);
        n = count ? parseInt(count[0], 10) : null;
      }
      if (n === null) return;
      const category = rules ? rules.select(n) : n === 1 ? "one" : "other";
      const form = words["search.result." + category] || words["search.result.other"] || "#";
      let line = form.replace("#", String(n));
      if (list && list.querySelector(".kb-search-fallback") && words["search.result.fallback"]) {
        line = words["search.result.fallback"] + " " + line;
      }
      if (line === text) return;
      written = line;
      meta.textContent = line;
    }
    function showUnavailable() {
      unavailable = true;
      meta.setAttribute("role", "alert");
      update();
      if (contact || !data.email) return;
      const [before, after] = String(words["search.unavailable.contact"] || "{email}").split("{email}");
      contact = document.createElement("p");
      contact.className = "kb-search-contact";
      const link = document.createElement("a");
      link.href = "mailto:" + data.email;
      link.textContent = data.email;
      contact.append(before || "", link, after || "");
      meta.insertAdjacentElement("afterend", contact);
    }
    const observer = new MutationObserver(update);
    observer.observe(meta, { childList: true, characterData: true, subtree: true });
    if (list) observer.observe(list, { childList: true });
    if (typeof BroadcastChannel !== "undefined") {
      new BroadcastChannel("kb-search").addEventListener("message", (event) => {
        if (event.data && event.data.unavailable === data.lang && !unavailable) showUnavailable();
      });
    }
  }

  /** The home page's search button opens Material's search as its header button does (Material
   * opens the dialog when its search toggle changes), and puts the keyboard in the query field. */
  function setUpSearchButton(root) {
    /* Found by its class: content HTML (where the home page's directive writes it) keeps no
     * data attributes. */
    const button = root.querySelector("button.kb-search-cta");
    const toggle = document.querySelector("[data-md-toggle=search]");
    const query = document.querySelector(".md-search__input");
    if (!button || !toggle) return;
    button.addEventListener("click", () => {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      if (query) query.focus();
    });
  }

  /** Material wraps each code block's copy button in a <nav>: a landmark with no name, one per
   * block. A single button is no navigation, so it is not offered as a landmark. */
  function unmarkCodeNavs(root) {
    const navs = root.querySelectorAll(".md-code__nav:not([role])");
    for (let i = 0; i < navs.length; i++) navs[i].setAttribute("role", "none");
  }

  /** The colour palette toggle (partials/palette.html), as Material's palette component works:
   * the toggle shown is the current palette's, whose label selects the next palette; the choice
   * is stored as `__palette`, which Material's palette script applies to <body> before the
   * first paint. <body> is touched only where it differs, so that a page shown in the palette
   * already applied costs no style recalculation. */
  function setUpPalette() {
    const form = document.querySelector("form[data-kb-palette]");
    const inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input.md-option")) : [];
    if (!inputs.length) return;
    const body = document.body;
    const header = document.querySelector("[data-md-component=header]") || body;
    const themeColor = document.createElement("meta");
    themeColor.name = "theme-color";
    document.head.appendChild(themeColor);
    const colorScheme = document.querySelector("meta[name=color-scheme]");

    function colorsOf(input) {
      const color = {};
      for (const key of ["media", "scheme", "primary", "accent"]) {
        color[key] = input.getAttribute("data-md-color-" + key);
      }
      return color;
    }

    function stored() {
      try {
        return window.__md_get ? window.__md_get("__palette") : null;
      } catch (error) {
        return null; /* storage blocked or unreadable: the system's preference decides */
      }
    }

    function apply(index, switching) {
      const color = colorsOf(inputs[index]);
      /* "(prefers-color-scheme)" follows the system: the colours of the matching palette. */
      if (color.media === "(prefers-color-scheme)") {
        const light = matchMedia("(prefers-color-scheme: light)").matches;
        const match = form.querySelector(
          light
            ? "[data-md-color-media='(prefers-color-scheme: light)']"
            : "[data-md-color-media='(prefers-color-scheme: dark)']"
        );
        if (match) Object.assign(color, colorsOf(match), { media: color.media });
      }
      const changed = Object.keys(color).filter(
        (key) => body.getAttribute("data-md-color-" + key) !== color[key]
      );
      /* As Material: no colour transitions while the palette switches. */
      if (switching && changed.length) body.setAttribute("data-md-color-switching", "");
      for (const key of changed) body.setAttribute("data-md-color-" + key, color[key]);
      for (let i = 0; i < inputs.length; i++) {
        const label = inputs[i].nextElementSibling;
        if (label instanceof HTMLElement) label.hidden = i !== index;
      }
      if (window.__md_set) window.__md_set("__palette", { index, color });
      if (switching && changed.length) {
        setTimeout(() => body.removeAttribute("data-md-color-switching"));
      }
      /* The browser's own colours (scrollbars, address bar) follow the palette; the style read
       * here is already computed unless the palette just changed. */
      const style = window.getComputedStyle(header);
      if (colorScheme && colorScheme.content !== style.colorScheme) {
        colorScheme.content = style.colorScheme;
      }
      const rgb = style.backgroundColor.match(/\d+/g) || [];
      themeColor.content = "#" + rgb.slice(0, 3).map((v) => (+v).toString(16).padStart(2, "0")).join("");
    }

    const saved = stored();
    let index = saved && typeof saved.index === "number" ? saved.index : -1;
    if (index < 0) {
      index = inputs.findIndex((input) => {
        const media = input.getAttribute("data-md-color-media");
        return media ? matchMedia(media).matches : false;
      });
    }
    let current = Math.max(0, Math.min(index, inputs.length - 1));
    apply(current, false);
    inputs.forEach((input, i) => {
      input.addEventListener("change", () => {
        current = i;
        apply(current, true);
      });
    });
    /* Enter on the toggle switches too (Space already does, on the focused radio button). */
    form.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      const next = inputs[(current + 1) % inputs.length];
      next.click();
      next.focus();
    });
    /* A palette that follows the system changes with it. */
    matchMedia("(prefers-color-scheme: light)").addEventListener("change", () => {
      apply(current, true);
    });
  }

  function onPage() {
    updateSwitcher(document);
    setUpFeedback(document);
    setUpSearchButton(document);
    unmarkCodeNavs(document);
  }

  /* The search box is part of the header, which instant navigation keeps: set up once. */
  const strings = searchStrings();
  setUpSearchCount(strings);
  setUpSearchInsights(strings);
  setUpPalette();

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
