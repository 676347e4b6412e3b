/* Helpfirst help widget bootstrap, served at /widget.js; embedded with one line,
 * <script src="https://help.example.com/widget.js" defer crossorigin="anonymous"></script>, set up
 * by data-* attributes of that tag (docs/widget.md). Defines <kb-help> and its launcher; the rest
 * (lunr, analysers, panel, words, index) loads from the help site, resolved from this script's
 * src, on first open or first focus in an attached form. helpfirst/adapter/widget_assets.py
 * fills in FILLED, with the versioned names of what loads later (this file keeps its address
 * and a short cache; they are cached forever).
 * Budget: 6 KB gzip.
 *
 * Host pages are not ours: settings come from this script's own element only (never from
 * whatever a host element named "currentScript" offers), the scripts it loads share one
 * namespace under a Symbol (which no host element can shadow, unlike a global name), lunr is
 * wrapped by the build so that it never sees the host's AMD or CommonJS globals, script URLs go
 * through the Trusted Types policy "helpfirst-widget", and running this file again (Turbo, pjax,
 * the tag twice) keeps the first run's registry, which restores the one launcher.
 */
(() => {
  "use strict";

  const PREFIX = "[kb-help]";
  const TAG = "kb-help";
  const FILLED = /*kb:site*/null;
  const SITE = FILLED || { default: "en", languages: ["en"], email: "", words: {} };
  // What the panel loads, by the versioned names the build gives it (helpfirst.widget).
  const SCRIPTS = (SITE.assets && SITE.assets.scripts) || [];
  // The namespace the loaded scripts share; Symbol.for, because the bootstrap of an earlier run
  // and the panel's files must find the same one.
  const KEY = Symbol.for("helpfirst.widget");
  const POLICY = "helpfirst-widget";
  const EMAIL = /^[^@\s?&#/]+@[^@\s?&#/]+\.[^@\s?&#/]+$/;
  // Every template literal of this file holds styles and nothing else: the build serves them
  // minified as CSS (helpfirst/widget.py, minified_styles).
  // The palette, in private properties that the panel's stylesheet uses too; --kb-* override.
  const LIGHT = `
    --_bg:var(--kb-bg,#fff);
    --_text:var(--kb-text,#1d2327);
    --_muted:var(--kb-muted,#59636e);
    --_border:var(--kb-border,#d7dde2);
    --_surface:var(--kb-surface,#f2f5f6);
    --_accent:var(--kb-accent,#00796b);
    --_on-accent:var(--kb-accent-text,#fff);
    --_focus:var(--kb-focus,#e8590c);
    --_warn:var(--kb-warning,#7a4b00);
    --_warn-bg:var(--kb-warning-bg,#fff4dc);
    --_danger:var(--kb-danger,#a4221b);
    --_danger-bg:var(--kb-danger-bg,#fdeceb);`;
  const DARK = `
    --_bg:var(--kb-bg,#1c2024);
    --_text:var(--kb-text,#e7eaec);
    --_muted:var(--kb-muted,#a7b0b8);
    --_border:var(--kb-border,#3a4249);
    --_surface:var(--kb-surface,#262b30);
    --_accent:var(--kb-accent,#4db6ac);
    --_on-accent:var(--kb-accent-text,#0c1f1d);
    --_focus:var(--kb-focus,#ffa26b);
    --_warn:var(--kb-warning,#f3c56b);
    --_warn-bg:var(--kb-warning-bg,#3a2f16);
    --_danger:var(--kb-danger,#ff978f);
    --_danger-bg:var(--kb-danger-bg,#42201e);`;
  // The launcher's and the offline notice's styles: they show before anything else loads, so
  // they are here, not in a stylesheet that would cost a request on every page.
  const CSS = `
  :host {
    all:initial;
    display:contents;
    ${LIGHT}
    --_radius:var(--kb-radius,14px);
    --_z:var(--kb-z-index,2147483000);
    --_offset:var(--kb-offset,20px);
    --_font:var(--kb-font,system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif);
  }
  :host([data-kb-mode=inline]) {
    display:block;
  }
  :host([data-kb-theme=dark]) {
    ${DARK}
  }
  @media (prefers-color-scheme:dark) {
    :host([data-kb-theme=auto]) {
      ${DARK}
    }
  }
  .launcher {
    all:initial;
    position:fixed;
    z-index:var(--_z);
    bottom:var(--_offset);
    right:var(--_offset);
    display:inline-flex;
    align-items:center;
    gap:8px;
    height:48px;
    padding:0 20px 0 15px;
    box-sizing:border-box;
    border-radius:999px;
    cursor:pointer;
    background:var(--_accent);
    color:var(--_on-accent);
    font:600 15px/1 var(--_font);
    box-shadow:0 6px 20px rgba(0,0,0,.2),0 1px 3px rgba(0,0,0,.14);
    transition:transform .15s ease,box-shadow .15s ease;
  }
  .launcher:hover {
    transform:translateY(-1px);
    box-shadow:0 10px 26px rgba(0,0,0,.24);
  }
  .launcher:focus-visible {
    outline:3px solid var(--_focus);
    outline-offset:3px;
  }
  :host([data-kb-position=bottom-left]) .launcher,:host([data-kb-position=bottom-left]) .notice {
    left:var(--_offset);
    right:auto;
  }
  .launcher svg {
    width:22px;
    height:22px;
    fill:none;
    stroke:currentColor;
    stroke-width:2;
    stroke-linecap:round;
    stroke-linejoin:round;
  }
  .launcher[aria-busy=true] svg {
    animation:kb-spin 1s linear infinite;
  }
  @keyframes kb-spin {
    to {
      transform:rotate(360deg);
    }
  }
  .notice {
    all:initial;
    position:fixed;
    z-index:var(--_z);
    bottom:calc(var(--_offset) + 60px);
    right:var(--_offset);
    box-sizing:border-box;
    width:min(340px,calc(100vw - 2 * var(--_offset)));
    padding:14px 16px;
    border:1px solid var(--_border);
    border-radius:12px;
    background:var(--_bg);
    color:var(--_text);
    font:14px/1.5 var(--_font);
    box-shadow:0 12px 32px rgba(0,0,0,.2);
  }
  .notice[hidden] {
    display:none;
  }
  .notice p {
    margin:0 0 6px;
  }
  .notice a {
    color:var(--_accent);
    font-weight:600;
  }
  @media (prefers-reduced-motion:reduce) {
    .launcher {
      transition:none;
    }
    .launcher[aria-busy=true] svg {
      animation:none;
    }
  }`;
  const ICON = "M21 11.5a8.5 8.5 0 0 1-12.4 7.6L3 21l1.9-5.4A8.5 8.5 0 1 1 21 11.5z" +
    "M9.6 9.2a2.5 2.5 0 1 1 3.3 2.4c-.6.2-.9.7-.9 1.3v.3M12 16.2v.1";

  const registry = window.customElements;
  const defined = registry && registry.get(TAG);
  if (defined) {
    // Run again (a page swap by Turbo or pjax, or the tag twice): the first run's registry
    // serves, and puts the launcher back if the page lost it.
    if (defined.kbHelp && typeof defined.kbHelp.rerun === "function") {
      defined.kbHelp.rerun(ownScript());
    } else {
      console.warn(PREFIX, "<" + TAG + "> is defined by another script");
    }
    return;
  }
  if (!registry || !Element.prototype.attachShadow) {
    console.warn(PREFIX, "this browser lacks custom elements or Shadow DOM; no help widget");
    return;
  }

  const ns = window[KEY] || (window[KEY] = {});
  let script = ownScript();
  if (!script) console.warn(PREFIX, "load widget.js with a classic <script src>, not as a module");
  const ROOT = new URL(".", (script && script.src) || location.href).href;
  const attach = setting(null, "data-kb-attach");
  const attached = [];
  let loading = null;
  let policy;
  let watching = false;

  /** Document's own property, read through its prototype: a host element named "body" or
   * "currentScript" shadows the document's (DOM clobbering), never the prototype's getter. */
  function documentProperty(name) {
    return Object.getOwnPropertyDescriptor(Document.prototype, name).get.call(document);
  }

  /** The <script> element running this file: the current script when it really is one, else
   * the last script element whose src is a widget.js. */
  function ownScript() {
    const current = documentProperty("currentScript");
    if (current instanceof HTMLScriptElement) return current;
    const all = Document.prototype.querySelectorAll.call(document, "script[src]");
    for (let i = all.length - 1; i >= 0; i--) {
      if (/\/widget\.js$/.test(new URL(all[i].src, location.href).pathname)) return all[i];
    }
    return null;
  }

  /** A setting: the element's own data-* attribute, else the script tag's; "" when absent. */
  function setting(element, name) {
    let value = element && element.getAttribute(name);
    if (value == null && script) value = script.getAttribute(name);
    return value == null ? "" : String(value).trim();
  }

  /** One of the site's languages for a language tag (sl-SI -> sl), or "". */
  function supported(tag) {
    let code = String(tag || "").toLowerCase().replace(/_/g, "-");
    if (SITE.languages.includes(code)) return code;
    code = code.split("-")[0];
    return SITE.languages.includes(code) ? code : "";
  }

  /** data-lang, else the closest [lang] (of the script tag for the launcher the bootstrap
   * adds itself, of the element otherwise), else the site's default language. */
  function languageOf(element) {
    const chosen = setting(element, "data-lang");
    if (chosen) return supported(chosen) || SITE.default;
    let from = element.kbAuto && script ? script : element;
    if (!from.isConnected) from = document.documentElement; // the script of a swapped body
    const holder = from.closest("[lang]");
    return supported(holder && holder.getAttribute("lang")) || SITE.default;
  }

  function wordsOf(lang) {
    return SITE.words[lang] || SITE.words[SITE.default] || {};
  }

  /** Styles without a <style> element or style attribute, so a strict CSP allows them. */
  function adopt(root, text) {
    if (root.adoptedStyleSheets && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      root.adoptedStyleSheets = root.adoptedStyleSheets.concat([sheet]);
    } else {
      const style = document.createElement("style");
      style.textContent = text;
      root.appendChild(style);
    }
  }

  /** The Trusted Types policy for the script URLs this file loads (only the help site's own),
   * and for the inert documents the answer sanitiser reads; null without Trusted Types, or
   * when the page's trusted-types directive does not allow it (said once, in the console). */
  function trusted() {
    if (policy !== undefined) return policy;
    policy = null;
    if (window.trustedTypes && window.trustedTypes.createPolicy) {
      try {
        policy = window.trustedTypes.createPolicy(POLICY, {
          createScriptURL: (url) => {
            if (String(url).indexOf(ROOT) !== 0) throw new TypeError("not the help site: " + url);
            return url;
          },
          // DOMParser only, whose documents never run scripts; the sanitiser copies from them.
          createHTML: (html) => html,
        });
      } catch (error) {
        console.error(PREFIX, "this page's Trusted Types do not allow the policy \"" + POLICY +
          "\": add it to the trusted-types directive of its Content-Security-Policy");
      }
    }
    return policy;
  }

  /** An inert document of HTML text (DOMParser's run nothing), through the policy: for the
   * answer sanitiser. The policy itself stays here, where no other script can use it. */
  ns.parseHTML = (html) => {
    const types = trusted();
    return new DOMParser().parseFromString(types ? types.createHTML(html) : html, "text/html");
  };

  /** Loads the rest of the widget once, in order, from the help site (no eval, no inline). */
  function load() {
    if (loading) return loading;
    loading = new Promise((resolve, reject) => {
      const types = trusted();
      const head = documentProperty("head");
      SCRIPTS.forEach((path, position) => {
        const element = Document.prototype.createElement.call(document, "script");
        try {
          element.src = types ? types.createScriptURL(ROOT + path) : ROOT + path;
        } catch (error) {
          reject(new Error("Trusted Types stop " + ROOT + path +
            ": allow the policy \"" + POLICY + "\" in this page's trusted-types directive"));
          return;
        }
        element.async = false; // parallel downloads, executed in this order
        element.crossOrigin = "anonymous";
        element.referrerPolicy = "no-referrer";
        element.addEventListener("load", () => {
          if (position === SCRIPTS.length - 1) resolve();
        });
        element.addEventListener("error", () => {
          reject(new Error("cannot load " + element.src));
        });
        head.appendChild(element);
      });
    });
    loading.catch(() => {
      loading = null; // the next attempt tries again
    });
    return loading;
  }

  /** The panel's controller for an element, loading the widget first. */
  function start(element) {
    const state = element.kb;
    if (state.controller) return Promise.resolve(state.controller);
    busy(element, true);
    return load()
      .then(() => {
        if (!state.controller) {
          state.controller = ns.mount(element, element.shadowRoot, {
            root: ROOT,
            site: SITE,
            lang: state.lang,
            lunr: ns.lunr,
            inline: element.getAttribute("data-kb-mode") === "inline",
            form: element.kbForm || null,
            topic: setting(element, "data-kb-topic"),
            email: email(element),
            endpoint: endpoint(element),
            draftHours: setting(element, "data-kb-draft-hours"),
            launcher: state.launcher,
            offline: function () { offline(element); }
          });
        }
        return state.controller;
      })
      .catch((error) => {
        console.error(PREFIX, "the widget cannot load from " + ROOT, error);
        offline(element);
        return null;
      })
      .then((controller) => {
        busy(element, false);
        return controller;
      });
  }

  function email(element) {
    let address = setting(element, "data-kb-email");
    if (address && !EMAIL.test(address)) {
      console.warn(PREFIX, "data-kb-email is not an email address: " + address);
      address = "";
    }
    return address || SITE.email || "";
  }

  function endpoint(element) {
    const address = setting(element, "data-kb-endpoint");
    if (!address) return "";
    try {
      const url = new URL(address, location.href);
      if (url.protocol === "https:" || url.protocol === "http:") return url.href;
    } catch (error) {
      /* reported below */
    }
    console.warn(PREFIX, "data-kb-endpoint is not an http(s) address: " + address);
    return "";
  }

  function busy(element, on) {
    const launcher = element.kb.launcher;
    if (launcher) launcher.setAttribute("aria-busy", on ? "true" : "false");
  }

  /** The friendly message when nothing loads: the way to write to support instead. */
  function offline(element) {
    const words = wordsOf(element.kb.lang);
    const root = element.shadowRoot;
    let box = root.querySelector(".notice");
    if (!box) {
      box = document.createElement("div");
      box.className = "notice";
      box.setAttribute("part", "notice");
      box.setAttribute("role", "alert");
      const text = document.createElement("p");
      text.textContent = words.offline || "";
      box.appendChild(text);
      const address = email(element);
      if (address) {
        const link = document.createElement("a");
        link.href = "mailto:" + address;
        link.textContent = String(words.contact || "{email}").replace("{email}", address);
        box.appendChild(link);
      }
      root.appendChild(box);
      box.addEventListener("keydown", (event) => {
        if (event.key === "Escape") box.hidden = true;
      });
    }
    box.hidden = false;
  }

  function launcherFor(element) {
    const words = wordsOf(element.kb.lang);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "launcher";
    button.setAttribute("part", "launcher");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-haspopup", "dialog");
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICON);
    svg.appendChild(path);
    const label = document.createElement("span");
    label.textContent = words.launcher || "Help";
    button.appendChild(svg);
    button.appendChild(label);
    button.addEventListener("click", () => {
      const notice = element.shadowRoot.querySelector(".notice");
      if (notice && !notice.hidden) {
        notice.hidden = true;
        return;
      }
      start(element).then((controller) => {
        if (controller) controller.toggle();
      });
    });
    return button;
  }

  class KbHelpElement extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      adopt(root, CSS);
      this.kb = { lang: languageOf(this), controller: null, launcher: null };
      this.setAttribute("lang", this.kb.lang);
      for (const name of ["data-kb-theme", "data-kb-position"]) {
        const value = setting(this, name);
        if (value && !this.hasAttribute(name)) this.setAttribute(name, value);
      }
      const accent = setting(this, "data-kb-accent");
      if (accent && window.CSS && window.CSS.supports("color", accent)) {
        this.style.setProperty("--kb-accent", accent); // CSSOM, which a CSP allows
      }
      if (this.getAttribute("data-kb-mode") !== "inline") {
        this.kb.launcher = launcherFor(this);
        root.appendChild(this.kb.launcher);
      }
    }

    /** Opens the panel (loading the widget if needed); resolves when it is open. */
    open() {
      return this.kb ? start(this).then((c) => { if (c) c.open(); }) : Promise.resolve();
    }
  }
  KbHelpElement.kbHelp = true;

  /** Attach mode: the first focus inside the form loads the widget and adds its answers box. */
  function onFocus(event) {
    let form = null;
    try {
      form = event.target && event.target.closest ? event.target.closest(attach) : null;
    } catch (error) {
      console.warn(PREFIX, "data-kb-attach is not a CSS selector: " + attach);
      document.removeEventListener("focusin", onFocus, true);
      return;
    }
    if (!form || attached.includes(form)) return;
    attached.push(form);
    const box = document.createElement(TAG);
    box.setAttribute("data-kb-mode", "inline");
    box.kbForm = form;
    form.insertAdjacentElement("afterend", box);
    start(box);
  }

  /** The launcher, unless the page has a <kb-help> already or turned it off; attach mode. */
  function init() {
    const body = documentProperty("body");
    if (!body) return;
    const none = !Document.prototype.querySelector.call(document, TAG);
    if (setting(null, "data-kb-launcher") !== "off" && none) {
      const element = Document.prototype.createElement.call(document, TAG);
      element.kbAuto = true;
      body.appendChild(element);
    }
    if (attach && !watching) {
      watching = true;
      document.addEventListener("focusin", onFocus, true);
      if (document.activeElement) onFocus({ target: document.activeElement });
    }
  }

  function ready() {
    if (documentProperty("readyState") === "loading") {
      document.addEventListener("DOMContentLoaded", init, { once: true });
    } else {
      init();
    }
  }

  KbHelpElement.kbHelp = Object.freeze({
    /** A later run of this file: its script tag (still on the page) now holds the settings. */
    rerun(other) {
      if (other && other.src && new URL(".", other.src).href === ROOT) script = other;
      else if (other && other.src) console.warn(PREFIX, "widget.js of another help site ignored: " + other.src);
      ready();
    },
  });
  registry.define(TAG, KbHelpElement);
  // Turbo, pjax and the like swap <body> without loading the page: the launcher comes back.
  new MutationObserver(() => {
    if (documentProperty("readyState") === "loading") return; // still parsing: ready() will
    if (!Document.prototype.querySelector.call(document, TAG)) init();
  }).observe(document.documentElement, { childList: true });
  ready();
})();
