/* Helpfirst help widget: the answer sanitiser.
 *
 * ns.sanitise(source, baseUrl, options) -> DocumentFragment
 *
 * Copies an article of the help site (a node of a DOMParser document, or HTML text) into new
 * nodes of the page's document, keeping only what an answer needs: an allowlist of structural
 * and text elements, text, and four attributes (href on links, title, lang, dir). Links keep
 * absolute http(s) addresses only, resolved against the article's own URL. Everything else is
 * left out: scripts, styles, frames, forms, media and SVG with everything inside them; other
 * unknown elements give their content only; comments and every other attribute (event handlers,
 * style, class, id, src ...) are dropped. Nothing is ever assigned as HTML, so nothing in the
 * source can run or load.
 */
((root) => {
  "use strict";

  // The widget's namespace: a Symbol, which no host element can shadow (widget.js).
  const KEY = Symbol.for("helpfirst.widget");
  const ns = root[KEY] || (root[KEY] = {});
  if (ns.sanitise) return;

  const HTML_NS = "http://www.w3.org/1999/xhtml";
  const KEEP = toSet(
    "a abbr article b blockquote br caption cite code dd del details dfn div dl dt em " +
      "figcaption figure h1 h2 h3 h4 h5 h6 header hr i ins kbd li main mark ol p pre q s samp " +
      "section small span strong sub summary sup table tbody td tfoot th thead time tr u ul var"
  );
  // Left out with everything inside them.
  const DROP = toSet(
    "applet area audio base basefont button canvas datalist dialog embed fieldset footer form " +
      "frame frameset head iframe img input keygen label legend link map math menu meta meter " +
      "nav noembed noframes noscript object optgroup option output param picture portal " +
      "progress script select slot source style svg template textarea title track video"
  );
  const LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
  const MAX_DEPTH = 48;
  const MAX_NODES = 20000;
  const MAX_TITLE = 500;

  function toSet(words) {
    const set = Object.create(null);
    words.split(/\s+/).forEach((word) => { set[word] = true; });
    return set;
  }

  /** An absolute http(s) URL for a link, or "" when it has no safe one. */
  function safeHref(value, baseUrl) {
    try {
      const url = new URL(String(value).trim(), baseUrl);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : "";
    } catch (error) {
      return "";
    }
  }

  /** Whether an element matches one of the selectors to strip (invalid ones match nothing). */
  function stripped(element, selectors) {
    for (let i = 0; i < selectors.length; i++) {
      try {
        if (element.matches(selectors[i])) return true;
      } catch (error) {
        /* not a selector */
      }
    }
    return false;
  }

  function copyAttributes(from, to, tag, baseUrl, options) {
    const title = from.getAttribute("title");
    if (title) to.setAttribute("title", title.slice(0, MAX_TITLE));
    const lang = from.getAttribute("lang");
    if (lang && LANG.test(lang)) to.setAttribute("lang", lang);
    const dir = from.getAttribute("dir");
    if (dir === "ltr" || dir === "rtl" || dir === "auto") to.setAttribute("dir", dir);
    if (tag === "a") {
      const href = safeHref(from.getAttribute("href") || "", baseUrl);
      if (href) {
        to.setAttribute("href", href);
        if (options.newTab) {
          to.setAttribute("target", "_blank");
          to.setAttribute("rel", "noopener noreferrer");
        }
      }
    }
  }

  /** The tag to write for an allowed element (headings shifted down by options.headingShift). */
  function outputTag(tag, options) {
    const level = /^h([1-6])$/.exec(tag);
    if (!level || !options.headingShift) return tag;
    return "h" + Math.min(6, Number(level[1]) + options.headingShift);
  }

  /**
   * Copies `source` (a Node, or HTML text parsed without running anything) into a fragment of
   * `options.document` (default: this document). Options: strip (selectors of elements to leave
   * out), headingShift (h2 -> h4 with 2), newTab (links open a new tab).
   */
  function sanitise(source, baseUrl, options) {
    options = options || {};
    const doc = options.document || document;
    const strip = Array.isArray(options.strip) ? options.strip : [];
    const fragment = doc.createDocumentFragment();
    if (typeof source === "string") {
      // Under Trusted Types, through the bootstrap's policy (DOMParser's documents run nothing).
      source = (ns.parseHTML ? ns.parseHTML(source)
        : new DOMParser().parseFromString(source, "text/html")).body;
    }
    if (!source || typeof source.nodeType !== "number") return fragment;
    let budget = MAX_NODES;
    // Iterative walk: a hostile, deeply nested source cannot exhaust the stack.
    const stack = [];
    for (let child = source.firstChild; child; child = child.nextSibling) {
      stack.push([child, fragment, 0]);
    }
    stack.reverse();
    while (stack.length && budget-- > 0) {
      const item = stack.pop();
      const node = item[0], parent = item[1], depth = item[2];
      if (node.nodeType === 3) {
        parent.appendChild(doc.createTextNode(node.data));
        continue;
      }
      if (node.nodeType !== 1) continue; // comments, processing instructions ...
      const tag = String(node.localName || "").toLowerCase();
      if (node.namespaceURI !== HTML_NS || DROP[tag]) continue;
      if (node.hasAttribute("hidden") || stripped(node, strip)) continue;
      let target = parent;
      if (KEEP[tag] && depth < MAX_DEPTH) {
        target = doc.createElement(outputTag(tag, options));
        copyAttributes(node, target, tag, baseUrl, options);
        parent.appendChild(target);
      } else if (depth >= MAX_DEPTH) {
        parent.appendChild(doc.createTextNode(node.textContent || ""));
        continue;
      }
      const children = [];
      for (let c = node.firstChild; c; c = c.nextSibling) children.push([c, target, depth + 1]);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    return fragment;
  }

  ns.sanitise = sanitise;
})(typeof self !== "undefined" ? self : globalThis);
