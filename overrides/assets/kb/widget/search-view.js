/* Helpfirst help widget: the search view, added to the panel (panel.js) on first use.
 *
 * The search box answers as the customer types, with the site's own search (search.js,
 * the one the site's search worker uses) over the prebuilt index of the reader's language, else
 * the default language's (labelled); before
 * anything is typed it shows the page's suggested topic or the site's featured entries. In
 * inline mode (data-kb-attach) the same list answers what is typed into the attached form.
 */
((root) => {
  "use strict";

  const ns = root[Symbol.for("helpfirst.widget")] || {};
  if (!ns.Panel || ns.Panel.prototype.buildSearch) return;

  const { PREFIX, SUGGESTIONS, FORM_DELAY, FORM_TEXT_LIMIT } = ns.parts;
  const { el, icon, clear, coalesce, debounce, once, json } = ns.parts;
  const RESULTS = 8;
  // The site's search module (search.js), by a key that no host element can shadow.
  const search = () => root[Symbol.for("helpfirst.search")];
  // Form fields whose text is personal data, not the question: never used as a search.
  const PERSONAL = /name|mail|phone|tel|address|street|city|zip|postal|country|company|card|pass/i;

  function fromSettings(base) {
    return (item) => ({
      ref: item.ref,
      title: item.title,
      summary: item.summary,
      href: new URL(item.location, base).href,
      fallback: !!item.fallback,
    });
  }

  /** A path pattern with * as any text, matched against the whole path. */
  function glob(pattern, path) {
    const escape = (part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    const source = String(pattern).split("*").map(escape).join(".*");
    return new RegExp("^" + source + "$").test(path);
  }

  /** The form's question: what is typed into its text fields, never personal fields. */
  function formText(form) {
    const parts = [];
    const fields = form.querySelectorAll("textarea, input");
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const type = (field.getAttribute("type") || "text").toLowerCase();
      if (field.localName === "input" && type !== "text" && type !== "search") continue;
      const names = [field.name, field.id, field.getAttribute("autocomplete")].join(" ");
      if (PERSONAL.test(names)) continue;
      if (typeof field.value === "string" && field.value.trim()) parts.push(field.value);
    }
    return parts.join("\n").slice(0, FORM_TEXT_LIMIT);
  }

  Object.assign(ns.Panel.prototype, {
    /** Where a language's search payload is (hooks/helpfirst/adapter/search_index.py writes it). */
    indexUrl(lang) {
      return this.base + search().indexPath(lang);
    },

    /** The site's search in the reader's language, with its fallback to the default language. */
    searcher() {
      if (!this.kbSearch) {
        this.kbSearch = search().create({
          lang: this.lang,
          defaultLang: this.settings.default_lang || this.lang,
          label: this.settings.fallback_label,
          lunr: this.options.lunr || root.lunr,
          payload: (lang) => once(this.indexUrl(lang), json),
        });
      }
      return this.kbSearch;
    },

    /** The reader's language's index; after a failure, tried again when the panel reopens. */
    index() {
      if (!this.own) {
        this.own = this.searcher().own();
        this.own.then((loaded) => {
          this.stopwords = loaded.payload.stopwords;
          if (this.failed) this.failed.hidden = true;
          this.refresh();
        }, (error) => {
          this.indexDown = true;
          console.error(PREFIX, "the " + this.lang + " search index did not load", error);
          this.showFailure();
        });
      }
      return this.own;
    },

    /** Results of a query in the reader's language, else (labelled) in the default language. */
    search(text, limit) {
      return this.index().then(() => this.searcher().search(text, limit)).then((found) =>
        found.map((result) => ({
          ref: result.ref,
          title: String(result.doc.title || result.ref),
          summary: String(result.doc.summary || ""),
          href: new URL(result.location, this.base).href,
          fallback: result.fallback,
        })));
    },

    /** Suggestions for this page: data-kb-topic, else the first pattern of the site's map that
     * matches the page's path; a topic that is neither a category nor configured is searched. */
    topicItems() {
      const settings = this.settings || {};
      const topics = settings.topics || {};
      let name = this.options.topic;
      if (!name) {
        const pages = Array.isArray(settings.pages) ? settings.pages : [];
        for (let i = 0; i < pages.length; i++) {
          if (glob(pages[i][0], location.pathname)) {
            name = pages[i][1];
            break;
          }
        }
      }
      if (!name) return Promise.resolve([]);
      if (Object.prototype.hasOwnProperty.call(topics, name)) {
        return Promise.resolve(topics[name].map(fromSettings(this.base)));
      }
      return this.search(name, 5).catch(() => []);
    },

    /** What the panel shows before anything is typed: the page's suggestions, else the site's
     * featured entries. */
    startItems() {
      return this.topicItems().then((items) => {
        if (items.length) return { label: this.t("widget.suggested"), items };
        const featured = (this.settings.featured || []).map(fromSettings(this.base));
        return { label: this.t("widget.popular"), items: featured };
      });
    },

    buildSearch() {
      const view = el("div", "view search");
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
          maxlength: FORM_TEXT_LIMIT,
          "aria-label": this.t("widget.search.label"),
          placeholder: this.t("widget.search.placeholder")
        });
        const typed = coalesce(() => { this.refresh(); });
        this.input.addEventListener("input", typed);
        this.input.addEventListener("keydown", (event) => {
          if (event.key === "ArrowDown") {
            const first = this.list.querySelector(".result");
            if (first) {
              event.preventDefault();
              first.focus();
            }
          } else if (event.key === "Enter") {
            event.preventDefault();
            this.refresh(true);
          }
        });
        view.appendChild(el("div", "find", "", null, icon("search"), this.input));
      }
      this.list.addEventListener("keydown", (event) => { this.moveInList(event); });
      view.appendChild(this.status);
      view.appendChild(this.failed);
      view.appendChild(this.listLabel);
      view.appendChild(this.list);
      return view;
    },

    /** The friendly message when the index cannot load, with the way to write to support. */
    showFailure() {
      if (!this.failed) return;
      clear(this.failed);
      this.failed.appendChild(el("p", "", this.t("widget.error.index")));
      const email = this.options.email;
      if (email) {
        this.failed.appendChild(el("a", "", this.t("widget.contact", email), {
          href: "mailto:" + email
        }));
      }
      this.failed.hidden = false;
      this.status.textContent = "";
    },

    countLine(count, fallback) {
      let category = "other";
      try {
        category = new Intl.PluralRules(this.lang).select(count);
      } catch (error) {
        category = count === 1 ? "one" : "other";
      }
      const form = count === 0 ? this.t("search.result.none")
        : this.t("search.result." + category) || this.t("search.result.other");
      const line = form.replace("#", String(count));
      return fallback && count ? this.t("search.result.fallback") + " " + line : line;
    },

    /** Renders results (or suggestions) as buttons that open the answer in the panel. */
    renderList(list, items, label) {
      clear(list);
      items.forEach((item, at) => {
        const title = el("span", "result-title", item.title);
        if (item.fallback && this.settings.fallback_label) {
          title.appendChild(el("span", "badge", this.settings.fallback_label, {
            lang: this.settings.default_lang
          }));
        }
        const button = el("button", "result", "", {
          type: "button", part: "result", "data-kb-ref": item.ref
        }, title,
          item.summary ? el("span", "result-summary", item.summary) : null);
        button.addEventListener("click", () => {
          this.record("open", { p: at + 1, e: this.entryId(item) });
          this.showAnswer(item, button);
        });
        list.appendChild(el("li", "", "", null, button));
      });
      if (label !== undefined && list === this.list) {
        this.listLabel.textContent = label || "";
        this.listLabel.hidden = !label || !items.length;
      }
    },

    /** Search for what is typed (or show the page's suggestions when nothing is). */
    refresh(openFirst) {
      if (!this.settings || this.options.inline) return;
      const text = this.input.value;
      if (!text.trim()) {
        this.status.textContent = "";
        this.startItems().then((start) => {
          if (this.input.value.trim()) return;
          this.renderList(this.list, start.items, start.label);
          this.list.setAttribute("data-kb-query", "");
        });
        return;
      }
      if (this.failed && !this.failed.hidden) return;
      this.status.textContent = this.t("widget.loading");
      this.search(text, RESULTS).then((items) => {
        if (text !== this.input.value) return; // the reader typed on
        this.renderList(this.list, items, "");
        this.status.textContent = this.countLine(items.length, items.length && items[0].fallback);
        this.list.setAttribute("data-kb-query", text); // what these results answer
        this.record("search", { q: text, n: items.length }); // kept once the reader pauses
        if (openFirst === true && items.length) this.showAnswer(items[0], null);
      }, () => { /* showFailure has said it */ });
    },

    moveInList(event) {
      const buttons = Array.from(event.currentTarget.querySelectorAll(".result"));
      const at = buttons.indexOf(this.shadow.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" && at < buttons.length - 1) {
        event.preventDefault();
        buttons[at + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (at > 0) buttons[at - 1].focus();
        else if (this.input) this.input.focus();
      }
    },

    watchForm(form) {
      if (!form) return;
      const update = debounce(() => {
        const text = formText(form);
        if (!text.trim()) {
          this.showTopics();
          return;
        }
        this.search(text, SUGGESTIONS).then((items) => {
          if (formText(form) !== text) return;
          this.renderList(this.list, items);
          this.list.setAttribute("data-kb-query", text);
          this.panel.hidden = !items.length && !this.stack.length;
        }, () => { /* the index did not load: the form itself is the way to support */ });
      }, FORM_DELAY);
      // Reads the fields on every change; never writes to them, never submits.
      form.addEventListener("input", update);
      this.showTopics();
      if (formText(form).trim()) update();
    },

    showTopics() {
      this.topicItems().then((items) => {
        if (this.options.form && formText(this.options.form).trim()) return;
        this.renderList(this.list, items);
        this.panel.hidden = !items.length && !this.stack.length;
      });
    },
  });
})(typeof self !== "undefined" ? self : globalThis);
