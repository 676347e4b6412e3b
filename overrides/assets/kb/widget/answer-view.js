/* Helpfirst help widget: the answer view, added to the panel (panel.js) on first use.
 *
 * An answer is shown inside the panel: the entry page's own article, copied by the sanitiser
 * (sanitise.js) without what is not the answer, with a link to the page on the help site.
 */
((root) => {
  "use strict";

  const ns = root[Symbol.for("helpfirst.widget")] || {};
  if (!ns.Panel || ns.Panel.prototype.showAnswer) return;

  const { PREFIX, el, icon, clear, once } = ns.parts;
  // Parts of an entry page that are not the answer: permalinks, breadcrumbs, the footer with
  // its feedback form, the language switcher's data, the title (the panel shows its own).
  const STRIP = [
    ".headerlink", ".kb-breadcrumbs", ".kb-entry-footer", ".kb-feedback", "[data-kb-switcher]",
    ".md-content__button", ".md-source-file", "h1"
  ];

  function page(response) {
    return response.text().then((html) => ({ html, url: response.url }));
  }

  Object.assign(ns.Panel.prototype, {
    /** The answer inside the panel: the article's own HTML, sanitised, and a link to it. */
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
      once(item.href, page).then((result) => {
        const doc = ns.parseHTML ? ns.parseHTML(result.html)
          : new DOMParser().parseFromString(result.html, "text/html");
        const article = doc.querySelector("article.md-content__inner") || doc.querySelector("article");
        if (!article) throw new Error("no article in " + item.href);
        const fragment = ns.sanitise(article, result.url || item.href, {
          strip: STRIP, headingShift: 2, newTab: true
        });
        clear(content).appendChild(fragment);
        content.removeAttribute("aria-busy");
      }).catch((error) => {
        console.error(PREFIX, "the answer did not load", error);
        clear(content).appendChild(el("p", "", this.t("widget.error.answer")));
        content.removeAttribute("aria-busy");
      });
    },
  });
})(typeof self !== "undefined" ? self : globalThis);
