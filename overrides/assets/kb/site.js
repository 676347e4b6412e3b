/* Helpfirst site behaviour on top of Material: runs on every page, also after instant
 * navigation (Material's document$ observable), and does nothing where a feature is absent. */
(() => {
  "use strict";

  const PREFIX = "[kb-help]";

  /* Material treats every <link rel=alternate> as the root of another language's site and
   * requests "sitemap.xml" beside it. Pages here carry page-level hreflang links (for crawlers),
   * so those requests would go to URLs that do not exist; the switcher is re-pointed by
   * updateSwitcher instead. This runs before Material's first document$ emission (sync scripts
   * at the end of <body> run before the document becomes interactive), and cancels exactly
   * those requests, without touching the network. */
  function isAlternateSitemap(url) {
    const links = document.querySelectorAll("link[rel=alternate][hreflang]");
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

  /** "Was this page helpful?": the answer stays in this browser; "no" shows the way to support. */
  function setUpFeedback(root) {
    const form = root.querySelector("form[data-kb-feedback]");
    if (!form) return;
    form.hidden = false;
    const key = "kb-feedback:" + location.pathname;
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button[value]");
      if (!button) return;
      const answer = button.value;
      remember(key, answer);
      form.querySelector("fieldset").disabled = true;
      form.querySelector(".kb-feedback__thanks").hidden = answer !== "yes";
      form.querySelector(".kb-feedback__sorry").hidden = answer !== "no";
    });
  }

  /** Material counts search results in one form ("# results"); rewrite the count with the
   * language's plural rules (Slovenian: 1 zadetek, 2 zadetka, 3 zadetki, 5 zadetkov), and say
   * so when the results come from the default language (marked by the search worker). When the
   * worker cannot load the index (it says so on the `kb-search` channel), say that search is
   * unavailable instead, with the way to write to support. */
  function setUpSearchCount() {
    const holder = document.getElementById("kb-search-strings");
    const meta = document.querySelector(".md-search-result__meta");
    if (!holder || !meta) return;
    let data;
    try {
      data = JSON.parse(holder.textContent);
    } catch (error) {
      console.warn(PREFIX, "unreadable search strings", error);
      return;
    }
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

  function onPage() {
    updateSwitcher(document);
    setUpFeedback(document);
    setUpSearchButton(document);
    unmarkCodeNavs(document);
  }

  /* The search box is part of the header, which instant navigation keeps: set up once. */
  setUpSearchCount();

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
