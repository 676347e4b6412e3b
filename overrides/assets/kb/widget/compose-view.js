/* Helpfirst help widget: the guided email, added to the panel (panel.js) on first use.
 *
 * "Still need help?" opens a short form (subject, order number, what happened, what is wanted,
 * and a reply address when the message is posted to a form endpoint). Its checks and the
 * message it builds are compose.js; this view shows them as the customer types, keeps the draft
 * in localStorage, suggests answers that match it, and sends it: a mailto: link, a form post to
 * data-kb-endpoint (else the site's form_endpoint), or a copy to the clipboard.
 *
 * The draft is kept in the host page's localStorage under "kb-help:draft:<help site origin>" as
 * {saved, fields}: the time it was saved and the fields, each cut to its length limit, without
 * any field that a blocking check flags (a card number, a password). It is read back for
 * data-kb-draft-hours (24 by default; 0 keeps nothing), then removed, as it is once the message
 * is sent, opened in the mail program or copied.
 */
((root) => {
  "use strict";

  const ns = root[Symbol.for("helpfirst.widget")] || {};
  if (!ns.Panel || ns.Panel.prototype.buildCompose) return;

  const { PREFIX, SUGGESTIONS, FORM_DELAY, FORM_TEXT_LIMIT, el, clear, debounce } = ns.parts;
  const CHECK_DELAY = 120; // after the last key, the email draft's checks run
  const SAVE_DELAY = 300;
  const DRAFT_HOURS = 24;
  const HOUR = 3600 * 1000;

  const FIELDS = [
    // Limits: generous for what each field is for, small enough that a paste of a whole
    // document neither stalls the page nor fills the storage (RFC 5321: 254 for an address).
    { name: "subject", label: "widget.compose.subject", hint: "widget.compose.subject.hint",
      limit: 200 },
    { name: "order", label: "widget.compose.order", limit: 64 },
    { name: "happened", label: "widget.compose.happened", hint: "widget.compose.happened.hint",
      multiline: true, limit: 6000 },
    { name: "want", label: "widget.compose.want", hint: "widget.compose.want.hint",
      multiline: true, rows: 3, limit: 3000 },
    { name: "email", label: "widget.compose.email", type: "email", postOnly: true, limit: 254 }
  ];

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // blocked by the browser or the page's sandbox: drafts are not kept
    }
  }

  Object.assign(ns.Panel.prototype, {
    /** How long a draft is kept, in milliseconds: data-kb-draft-hours, else 24 hours. */
    draftLife() {
      const hours = parseFloat(this.options.draftHours);
      return (isFinite(hours) && hours >= 0 ? hours : DRAFT_HOURS) * HOUR;
    },

    /** The kept draft, if it is younger than its life; an older one (or one of another form)
     * is removed. */
    readDraft() {
      const store = storage();
      let saved = null;
      try {
        saved = store && JSON.parse(store.getItem(this.draftKey) || "null");
      } catch (error) {
        saved = null;
      }
      const age = saved && typeof saved.saved === "number" ? Date.now() - saved.saved : NaN;
      const fresh = age >= 0 && age < this.draftLife() && saved.fields &&
        typeof saved.fields === "object";
      if (saved && !fresh) this.forgetDraft();
      const clean = {};
      FIELDS.forEach((field) => {
        const value = fresh ? saved.fields[field.name] : "";
        clean[field.name] = typeof value === "string" ? value.slice(0, field.limit) : "";
      });
      return clean;
    },

    /** Keeps the draft, without the fields a blocking check flags; nothing when it is empty. */
    saveDraft() {
      if (!this.draft || this.draftCopied) return;
      const store = storage();
      if (!store) return;
      const blocked = ns.compose.secrets(this.draft, this.lang, this.words);
      const fields = {};
      FIELDS.forEach((field) => {
        const value = this.draft[field.name].slice(0, field.limit);
        if (value.trim() && !blocked.includes(field.name)) fields[field.name] = value;
      });
      if (!Object.keys(fields).length || this.draftLife() === 0) {
        this.forgetDraft();
        return;
      }
      try {
        store.setItem(this.draftKey, JSON.stringify({ saved: Date.now(), fields }));
      } catch (error) {
        /* full or blocked: the draft is simply not kept */
      }
    },

    /** Removes the kept draft (the fields on screen stay). */
    forgetDraft() {
      const store = storage();
      try {
        if (store) store.removeItem(this.draftKey);
      } catch (error) {
        /* nothing was kept */
      }
    },

    clearDraft() {
      this.forgetDraft();
      this.draft = null;
      if (this.composeView) this.composeView.remove();
      this.composeView = null;
    },

    /** Where the message goes: data-kb-endpoint, else the site's form_endpoint (both http(s),
     * checked by the bootstrap and the build), else the support address, else the clipboard. */
    route() {
      if (this.endpoint()) return "post";
      return this.options.email ? "mailto" : "copy";
    },

    endpoint() {
      return this.options.endpoint || (this.settings && this.settings.form_endpoint) || "";
    },

    showCompose() {
      if (!this.composeView) this.composeView = this.buildCompose();
      this.show(this.composeView, this.composeButton);
      this.record("compose");
      this.update();
      this.composeView.querySelector("input").focus();
    },

    buildCompose() {
      const needEmail = this.route() === "post";
      this.draft = this.readDraft();
      this.inputs = {};
      this.checkLists = {};
      const view = el("form", "view compose", "", { part: "composer", novalidate: true });
      view.kbTitle = "widget.compose.title";
      view.kbNoFoot = true;
      view.addEventListener("submit", (event) => { event.preventDefault(); });
      view.appendChild(el("p", "intro", this.t("widget.compose.intro")));
      FIELDS.forEach((field) => {
        if (field.postOnly && !needEmail) return;
        const id = "kb-field-" + field.name;
        const hintId = field.hint ? id + "-hint" : null;
        const checksId = id + "-checks";
        const input = field.multiline
          ? el("textarea", "", "", { id, rows: field.rows || 4 })
          : el("input", "", "", {
            id, type: field.type || "text", autocomplete: field.type === "email" ? "email" : "off"
          });
        input.maxLength = field.limit;
        input.setAttribute("aria-describedby", (hintId ? hintId + " " : "") + checksId);
        input.value = this.draft[field.name];
        input.addEventListener("input", () => {
          this.draft[field.name] = input.value;
          this.draftCopied = false;
          this.saveSoon();
          this.updateSoon();
        });
        this.inputs[field.name] = input;
        const checks = el("ul", "checks", "", { id: checksId, "aria-live": "polite" });
        this.checkLists[field.name] = checks;
        view.appendChild(el("div", "field", "", null,
          el("label", "", this.t(field.label), { for: id }),
          hintId ? el("p", "hint", this.t(field.hint), { id: hintId }) : null,
          input, checks));
      });
      this.suggestLabel = el("p", "label", this.t("widget.compose.suggest"), { hidden: true });
      this.suggestList = el("ul", "results", "", { role: "list" });
      this.suggestList.addEventListener("keydown", (event) => { this.moveInList(event); });
      view.appendChild(this.suggestLabel);
      view.appendChild(this.suggestList);
      this.previewText = el("pre", "", "");
      view.appendChild(el("details", "preview", "", null,
        el("summary", "", this.t("widget.compose.preview")), this.previewText));
      this.sendNote = el("p", "note", "", { role: "status" });
      const actions = el("div", "actions");
      const route = this.route();
      if (route === "post") {
        this.sendButton = el("button", "button primary", this.t("widget.send.post"), {
          type: "button", part: "button"
        });
        this.sendButton.addEventListener("click", () => { this.post(); });
        actions.appendChild(this.sendButton);
      } else if (route === "mailto") {
        this.mailLink = el("a", "button primary", this.t("widget.send.mailto"), { part: "button" });
        this.mailLink.addEventListener("click", (event) => { this.onMailto(event); });
        actions.appendChild(this.mailLink);
      }
      const copy = el("button", "button secondary", this.t("widget.send.copy"), {
        type: "button", part: "button"
      });
      copy.addEventListener("click", () => { this.copy(); });
      this.copyButton = copy;
      actions.appendChild(copy);
      view.appendChild(this.sendNote);
      view.appendChild(actions);
      const discard = el("button", "link", this.t("widget.compose.discard"), { type: "button" });
      discard.addEventListener("click", () => {
        this.clearDraft();
        this.showCompose();
      });
      view.appendChild(el("p", "draft", "", null, el("span", "", this.t("widget.compose.draft")),
        discard));
      this.saveSoon = debounce(() => { this.saveDraft(); }, SAVE_DELAY);
      // Typing, then leaving the page at once: the last words are kept too.
      window.addEventListener("pagehide", () => { this.saveDraft(); });
      this.updateSoon = debounce(() => { this.update(); }, CHECK_DELAY);
      this.suggestSoon = debounce(() => { this.suggest(); }, FORM_DELAY);
      return view;
    },

    /** Checks, preview and the send buttons, after every change. */
    update() {
      if (!this.draft || !this.composeView) return;
      const compose = ns.compose;
      const needEmail = this.route() === "post";
      const found = compose.check(this.draft, this.lang, this.words, {
        orderPattern: this.settings.order_pattern,
        stopwords: this.stopwords,
        needEmail
      });
      const blocked = found.some((item) => item.block);
      Object.keys(this.checkLists).forEach((name) => {
        const list = clear(this.checkLists[name]);
        const mine = found.filter((item) => item.field === name);
        mine.forEach((item) => {
          list.appendChild(el("li", item.block ? "check block" : "check",
            this.t("widget.check." + item.code)));
        });
        const invalid = mine.some((item) => item.block);
        if (invalid) this.inputs[name].setAttribute("aria-invalid", "true");
        else this.inputs[name].removeAttribute("aria-invalid");
      });
      const message = compose.message(this.draft, this.words);
      this.lastMessage = message;
      this.previewText.textContent = message.text;
      const complete = compose.complete(this.draft, { needEmail });
      let note = "";
      if (blocked) note = this.t("widget.compose.blocked");
      else if (!complete) note = this.t("widget.compose.required");
      let href = "";
      if (this.mailLink) {
        href = compose.mailto(this.options.email, message.subject, message.body);
        if (!href && !blocked && complete) note = this.t("widget.send.toolong");
      }
      this.sendNote.textContent = note;
      this.sendNote.className = blocked ? "note stop" : "note";
      const canSend = !blocked && complete && (this.mailLink ? !!href : true);
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
    },

    /** While the customer writes, answers that match the subject and the story. */
    suggest() {
      if (!this.draft) return;
      const text = [this.draft.subject, this.draft.happened, this.draft.want].join("\n");
      if (!text.trim()) {
        clear(this.suggestList);
        this.suggestLabel.hidden = true;
        return;
      }
      this.search(text.slice(0, FORM_TEXT_LIMIT), SUGGESTIONS).then((items) => {
        if (!this.draft) return;
        this.renderList(this.suggestList, items);
        this.suggestLabel.hidden = !items.length;
      }, () => { /* no index: no suggestions, the email still works */ });
    },

    sendable() {
      this.update();
      return this.draft && this.lastMessage &&
        !ns.compose.check(this.draft, this.lang, this.words, {
          orderPattern: this.settings.order_pattern,
          needEmail: this.route() === "post"
        }).some((item) => item.block) &&
        ns.compose.complete(this.draft, { needEmail: this.route() === "post" });
    },

    onMailto(event) {
      if (!this.sendable() || !this.mailLink.getAttribute("href")) {
        event.preventDefault();
        return;
      }
      // The mail program takes it from here: the draft has been sent on.
      const message = this.lastMessage;
      this.clearDraft();
      this.record("sent", { m: "mailto", seen: this.seen });
      this.showSent(this.t("widget.send.opened"), message);
    },

    post() {
      if (!this.sendable() || this.sending) return;
      const message = this.lastMessage;
      const data = new FormData();
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
      fetch(this.endpoint(), {
        method: "POST",
        body: data,
        headers: { Accept: "application/json" },
        credentials: "omit",
        referrerPolicy: "no-referrer"
      }).then((response) => {
        if (!response.ok) throw new Error("HTTP " + response.status);
        this.sending = false;
        this.clearDraft();
        this.record("sent", { m: "post", seen: this.seen });
        this.showSent(this.t("widget.send.sent"), null);
      }).catch((error) => {
        console.error(PREFIX, "the message was not sent", error);
        this.sending = false;
        this.sendNote.className = "note stop";
        this.sendNote.textContent = this.t("widget.send.failed");
        this.sendButton.setAttribute("aria-disabled", "false");
      });
    },

    /** Copies the message; the clipboard API where allowed, else a selected text area. */
    copy(message, note) {
      if (!message) {
        if (!this.sendable()) return;
        message = this.lastMessage;
      }
      note = note || this.sendNote;
      const email = this.options.email;
      const done = () => {
        // Copied: it lives in the customer's clipboard now, until they write again.
        this.forgetDraft();
        this.draftCopied = true;
        this.record("sent", { m: "copy", seen: this.seen });
        if (this.saveSoon) this.saveSoon.cancel();
        note.className = "note";
        note.textContent = email ? this.t("widget.send.copied", email)
          : this.t("widget.send.copied.plain");
      };
      const fallback = () => {
        const area = el("textarea", "sr", "", { "aria-hidden": "true", tabindex: "-1" });
        area.value = message.text;
        this.panel.appendChild(area);
        area.select();
        let ok = false;
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
    },

    showSent(text, message) {
      const view = el("div", "view sent", "", { role: "status" });
      view.kbTitle = "widget.compose.title";
      view.kbNoFoot = true;
      const paragraph = el("p", "", text, { tabindex: "-1" });
      view.appendChild(el("div", "message", "", null, paragraph));
      const actions = el("div", "actions");
      if (message) {
        const note = el("p", "note", "", { role: "status" });
        const copy = el("button", "button secondary", this.t("widget.send.copy"), { type: "button" });
        copy.addEventListener("click", () => { this.copy(message, note); });
        actions.appendChild(copy);
        view.appendChild(note);
      }
      const again = el("button", "button primary", this.t("widget.send.again"), { type: "button" });
      again.addEventListener("click", () => {
        view.remove();
        this.stack = [];
        this.show(this.searchView, null, true);
        this.showCompose();
      });
      actions.appendChild(again);
      view.appendChild(actions);
      // Sent: "back" leads to the search, not to the emptied composer.
      this.stack = [{ view: this.searchView, focus: null }];
      this.show(view, null, true);
      this.backButton.hidden = false;
      paragraph.focus();
    },
  });
})(typeof self !== "undefined" ? self : globalThis);
