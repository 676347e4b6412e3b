/* Helpfirst help widget: the answer view, added to the panel (panel.js) on first use.
 *
 * An answer is shown inside the panel: the entry's answer as the build writes it for the widget
 * (`<language root>answers/<id>.json`, hooks/helpfirst/answers.py: title, updated date and the
 * answer's HTML, already narrowed to an allow-list, links absolute), copied once more by the
 * sanitiser (sanitise.js), with a link to the page on the help site. No page of the theme is
 * loaded, so nothing of its HTML or its inline styles reaches the host page.
 */
((root) => {
  "use strict";

  const ns = root[Symbol.for("helpfirst.widget")] || {};
  if (!ns.Panel || ns.Panel.prototype.showAnswer) return;

  const { PREFIX, el, icon, clear, once, json } = ns.parts;

  /** The answer's HTML, parsed without running anything, its links to the help site pointed
   * at the address the widget loads from (which a preview or a mirror may not share with
   * site_url). */
  function rebased(answer, siteUrl, base) {
    const html = String(answer.html || "");
    // ns.parseHTML: through the bootstrap's Trusted Types policy (widget.js).
    const body = (ns.parseHTML ? ns.parseHTML(html)
      : new DOMParser().parseFromString(html, "text/html")).body;
    if (siteUrl && siteUrl !== base) {
      body.querySelectorAll("a[href]").forEach((link) => {
        const href = link.getAttribute("href");
        if (href.indexOf(siteUrl) === 0) link.setAttribute("href", base + href.slice(siteUrl.length));
      });
    }
    return body;
  }

  Object.assign(ns.Panel.prototype, {
    /** Where the answer of a result is: the settings' pattern with the entry's id. */
    answerUrl(item) {
      const id = this.entryId(item);
      return this.base + String(this.settings.answers || "").replace("{id}", encodeURIComponent(id));
    },

    /** The answer inside the panel, sanitised, and a link to its page. */
    showAnswer(item, opener) {
      const heading = el("h3", "", item.title, { tabindex: "-1" });
      if (item.fallback && this.settings.fallback_label) {
        heading.appendChild(el("span", "badge", this.settings.fallback_label, {
          lang: this.settings.default_lang
        }));
      }
      const content = el("div", "content", "", { part: "answer", "aria-busy": "true" },
        el("p", "status", this.t("widget.loading")));
      const link = el("a", "button secondary article", "", {
        href: item.href, target: "_blank", rel: "noopener noreferrer"
      }, el("span", "", this.t("widget.article")), icon("open"),
      el("span", "sr", " (" + this.t("widget.new_tab") + ")"));
      const view = el("article", "view answer", "", { "aria-labelledby": "kb-answer-title" },
        heading, content, link);
      heading.id = "kb-answer-title";
      this.views().forEach((v) => {
        if (v.classList.contains("answer")) v.id = "";
      });
      this.show(view, opener);
      heading.focus();
      once(this.answerUrl(item), json).then((answer) => {
        const body = rebased(answer, this.settings.site_url, this.base);
        const fragment = ns.sanitise(body, item.href, { headingShift: 2, newTab: true });
        clear(content).appendChild(fragment);
        content.removeAttribute("aria-busy");
        // Read: counted, and named by the email if one follows.
        const id = this.entryId(item);
        this.record("answer", { e: id });
        if (this.seen.indexOf(id) < 0) this.seen.push(id);
      }).catch((error) => {
        console.error(PREFIX, "the answer did not load", error);
        clear(content).appendChild(el("p", "", this.t("widget.error.answer")));
        content.removeAttribute("aria-busy");
      });
    },
  });
})(typeof self !== "undefined" ? self : globalThis);
