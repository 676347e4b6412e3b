/* Helpfirst help widget: the guided email's checks and the message it builds.
 *
 * ns.compose.check(draft, lang, words, options) -> [{field, code, block}]
 * ns.compose.secrets(draft, lang, words) -> the fields that hold a secret
 * ns.compose.complete(draft, {needEmail}) -> whether every needed field is filled in
 * ns.compose.message(draft, words) -> {subject, body, text}
 * ns.compose.mailto(address, subject, body) -> "mailto:..." or "" when too long
 *
 * A draft is {subject, order, happened, want, email}. The checks follow the help centre's guide
 * to writing to customer service: a specific subject (not a lone "Help", not all capitals), an
 * order number where an order is mentioned, short paragraphs, a calm tone. Two checks block
 * sending until the text is removed, because the message would otherwise carry a secret: a
 * payment-card number (13 to 19 digits that pass the Luhn check, however they are written:
 * spaces, dots, dashes, slashes, tabs or no-break spaces between, any script's digits) and a
 * password. What they flag is never kept in a draft either (compose-view.js). Words that the
 * checks look for are per language (`widget.words.*` in the language's strings) and are compared
 * after the search analysers (KbAnalysis), so inflected and unaccented forms count too.
 * Pure functions: nothing here touches the page.
 */
((root) => {
  "use strict";

  // The widget's namespace: a Symbol, which no host element can shadow (widget.js).
  const KEY = Symbol.for("helpfirst.widget");
  const ns = root[KEY] || (root[KEY] = {});
  if (ns.compose) return;

  // RFC 6068 sets no limit, but mail programs and browsers cut long mailto: links.
  const MAILTO_LIMIT = 2000;
  const PARAGRAPH_LIMIT = 600;
  const SUBJECT_WORDS = 12;
  const SUBJECT_CHARS = 90;
  // Digits with at most three separators between them (no line breaks: two numbers on two
  // lines are two numbers), after any script's digits are read as 0-9.
  const CARD_RUN = /\d(?:(?:[^\S\r\n\u2028\u2029]|[./\\_\-\u2010-\u2015\u2212]){0,3}\d)+/g;
  const SEPARATOR = /[^\d]+/;
  const NON_ASCII = /\P{ASCII}/u;
  const DECIMAL = /\p{Nd}/u;
  const WORD = /[\p{L}\p{N}]+/gu;
  const EMAIL = /^[^@\s?&#/]+@[^@\s?&#/]+\.[^@\s?&#/]+$/;
  const EXCLAIM = /!{2,}|[!?]{3,}|\?!|!\?/;
  const TEXT_FIELDS = ["subject", "happened", "want"];
  const ALL_FIELDS = ["subject", "order", "happened", "want", "email"];

  function text(value) {
    return typeof value === "string" ? value : "";
  }

  /** The text with lone surrogates replaced, which encodeURIComponent would throw on. */
  function wellFormed(value) {
    return text(value).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      "\ufffd");
  }

  /** The Luhn checksum of a string of digits. */
  function luhn(digits) {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2 === 1) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    return digits.length > 0 && sum % 10 === 0;
  }

  const digitValues = Object.create(null);

  /** 0-9 for a decimal digit of any script: Unicode encodes each script's digits as a run of
   * ten code points, 0 to 9, so the value is the distance from the run's start. */
  function digitValue(char) {
    if (digitValues[char] === undefined) {
      const code = char.codePointAt(0);
      let start = code;
      while (DECIMAL.test(String.fromCodePoint(start - 1))) start--;
      digitValues[char] = String((code - start) % 10);
    }
    return digitValues[char];
  }

  /** The text with fullwidth, mathematical and other scripts' digits as 0-9, so that
   * "\uff14\uff11\uff11\uff11" reads as "4111". */
  function asciiDigits(value) {
    value = text(value);
    if (!NON_ASCII.test(value)) return value;
    return value.replace(/\p{Nd}/gu, (char) => (char < "\x80" ? char : digitValue(char)));
  }

  /** Card-like numbers in a text: 13 to 19 digits that pass Luhn, written with or without
   * separators, alone or beside other numbers ("order 48213 / 4111 1111 1111 1111"). */
  function cardNumbers(value) {
    const found = [];
    const runs = asciiDigits(value).match(CARD_RUN) || [];
    runs.forEach((run) => {
      const groups = run.split(SEPARATOR);
      for (let first = 0; first < groups.length; first++) {
        let digits = "";
        for (let last = first; last < groups.length; last++) {
          digits += groups[last];
          if (digits.length > 19) break;
          if (digits.length >= 13 && luhn(digits)) {
            found.push(digits);
            return;
          }
        }
      }
    });
    return found;
  }

  const prepared = Object.create(null);
  const preparedHeads = Object.create(null);

  /** The analysed terms of a comma-separated word list, per language, cached. */
  function termsOf(list, lang) {
    const key = lang + "\u0000" + list;
    if (!prepared[key]) {
      const set = Object.create(null);
      text(list).split(",").forEach((word) => {
        analyse(word, lang).forEach((term) => { set[term] = true; });
      });
      prepared[key] = set;
    }
    return prepared[key];
  }

  /** How the analysed terms of a word start: its first two letters, lower-case and folded (the
   * analysers only cut and change endings). */
  function head(word) {
    const start = text(word).slice(0, 4).normalize("NFC").toLowerCase();
    return (root.KbAnalysis ? root.KbAnalysis.fold(start) : start).slice(0, 2);
  }

  /** The starts (`head`) of a word list's terms, per language, cached. */
  function headsOf(list, lang) {
    const key = lang + "\u0000" + list;
    if (!preparedHeads[key]) {
      const heads = Object.create(null);
      Object.keys(termsOf(list, lang)).forEach((term) => { heads[term.slice(0, 2)] = true; });
      preparedHeads[key] = heads;
    }
    return preparedHeads[key];
  }

  function analyse(value, lang) {
    const analysis = root.KbAnalysis;
    if (!analysis) return text(value).toLowerCase().match(WORD) || [];
    return analysis.analyse(text(value), lang, { stopwords: [] });
  }

  /** Whether the text mentions any word of a list, in any inflection the analyser knows; only
   * words that start as one of the list's are analysed. */
  function mentions(value, list, lang) {
    const terms = termsOf(list, lang);
    const heads = headsOf(list, lang);
    const seen = new Set();
    return (text(value).match(WORD) || []).some((word) => {
      const start = head(word);
      if (heads[start] !== true && heads[start.slice(0, 1)] !== true) return false;
      if (seen.has(word)) return false;
      seen.add(word);
      return analyse(word, lang).some((term) => terms[term] === true);
    });
  }

  /** A token that looks like a secret: digits, symbols or mixed case, or quoted. */
  function secretLike(token) {
    if (/^["'“”‘’«»].+["'“”‘’«»]$/.test(token)) return true;
    const bare = token.replace(/[.,;!?)]+$/, "");
    if (bare.length < 4) return false;
    return /\d/.test(bare) || /[^\p{L}\p{N}]/u.test(bare) || /\p{Ll}\p{Lu}/u.test(bare);
  }

  /** Whether a text gives a password: a password word followed by ":" or "=" and a token, or
   * by "is" (per language) and a token that looks like a secret. */
  function givesPassword(value, lang, words) {
    value = text(value);
    const names = termsOf(words["widget.words.password"], lang);
    // Only a word that starts as a password word is analysed: a long text stays fast.
    const heads = headsOf(words["widget.words.password"], lang);
    const links = text(words["widget.words.is"]).split(",").map((w) => w.trim().toLowerCase()).filter(Boolean);
    WORD.lastIndex = 0;
    let match;
    while ((match = WORD.exec(value)) !== null) {
      const start = head(match[0]);
      if (heads[start] !== true && heads[start.slice(0, 1)] !== true) continue;
      const terms = analyse(match[0], lang);
      if (!terms.length || names[terms[0]] !== true) continue;
      const rest = value.slice(match.index + match[0].length, match.index + match[0].length + 80);
      const assigned = /^\s*[:=]\s*(\S+)([^\n]*)/.exec(rest);
      if (assigned) {
        // "password: sunshine" on its own is a password, a sentence after the colon is not.
        if (secretLike(assigned[1]) || !assigned[2].trim()) return true;
        continue;
      }
      const said = /^\s*(\p{L}+)\s+(\S+)/u.exec(rest);
      if (said && links.includes(said[1].toLowerCase()) && secretLike(said[2])) return true;
    }
    return false;
  }

  /** All capitals: mostly upper-case letters, or three upper-case words in a row. */
  function shouting(value) {
    value = text(value);
    let cased = 0, upper = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value.charAt(i);
      if (c.toLowerCase() !== c.toUpperCase()) {
        cased++;
        if (c === c.toUpperCase()) upper++;
      }
    }
    // Eight letters at least: an IBAN or a short code is not shouting.
    if (cased >= 8 && upper / cased > 0.7) return true;
    return /(?:^|[^\p{L}])(?:\p{Lu}{2,}[^\p{L}\n]+){2}\p{Lu}{2,}(?![\p{L}])/u.test(value);
  }

  /** A subject that says nothing on its own: only vague words ("Help", "Urgent question"). */
  function vague(subject, lang, words, stopwords) {
    const terms = analyse(subject, lang);
    if (!terms.length) return false;
    const vagueTerms = termsOf(words["widget.words.vague"], lang);
    const stop = Object.create(null);
    (Array.isArray(stopwords) ? stopwords : []).forEach((word) => {
      analyse(word, lang).forEach((term) => { stop[term] = true; });
    });
    return terms.every((term) => vagueTerms[term] === true || stop[term] === true || term.length < 3);
  }

  function orderRegExp(pattern, whole) {
    try {
      return new RegExp(whole ? "^(?:" + pattern + ")$" : "(?:^|[^\\p{L}\\p{N}])(?:" + pattern +
        ")(?![\\p{L}\\p{N}])", "u");
    } catch (error) {
      return null;
    }
  }

  /**
   * The checks of a draft, in field order: [{field, code, block}], code naming the words
   * (`widget.check.<code>`). Options: orderPattern (a RegExp source), stopwords (of the
   * language, so that "Help me" counts as vague), needEmail (the form endpoint needs a reply
   * address).
   */
  function check(draft, lang, words, options) {
    draft = draft || {};
    words = words || {};
    options = options || {};
    const found = [];
    function add(field, code, block) {
      found.push({ field, code, block: !!block });
    }
    const subject = text(draft.subject).trim();
    if (subject && vague(subject, lang, words, options.stopwords)) add("subject", "subject.vague");
    if (subject.length > SUBJECT_CHARS || (subject.match(WORD) || []).length > SUBJECT_WORDS) {
      add("subject", "subject.long");
    }
    const order = text(draft.order).trim();
    const whole = options.orderPattern ? orderRegExp(options.orderPattern, true) : null;
    if (order && whole && !whole.test(order)) add("order", "order.format");
    const prose = TEXT_FIELDS.map((f) => text(draft[f])).join("\n");
    const anywhere = options.orderPattern ? orderRegExp(options.orderPattern, false) : null;
    if (!order && mentions(prose, words["widget.words.order"], lang) &&
        !(anywhere && anywhere.test(prose))) {
      add("order", "order");
    }
    ALL_FIELDS.forEach((field) => {
      const value = text(draft[field]);
      if (!value.trim()) return;
      if (cardNumbers(value).length) add(field, "card", true);
      if (field !== "email" && givesPassword(value, lang, words)) add(field, "password", true);
      if (field === "subject" || field === "happened" || field === "want") {
        if (shouting(value)) add(field, "caps");
        if (EXCLAIM.test(value)) add(field, "exclaim");
      }
      if ((field === "happened" || field === "want") && value.split(/\n\s*\n/).some(
        (paragraph) => paragraph.trim().length > PARAGRAPH_LIMIT)) {
        add(field, "paragraph");
      }
    });
    const email = text(draft.email).trim();
    if (options.needEmail && email && !EMAIL.test(email)) add("email", "email");
    return found;
  }

  /** The fields of a draft that hold a secret (a card number, a password): what blocks
   * sending, and what a kept draft leaves out. */
  function secrets(draft, lang, words) {
    draft = draft || {};
    words = words || {};
    return ALL_FIELDS.filter((field) => {
      const value = text(draft[field]);
      return value.trim() !== "" && (cardNumbers(value).length > 0 ||
        (field !== "email" && givesPassword(value, lang, words)));
    });
  }

  /** Whether a draft has what every message needs: a subject and what happened. */
  function complete(draft, options) {
    draft = draft || {};
    let ok = !!(text(draft.subject).trim() && text(draft.happened).trim());
    if (options && options.needEmail) ok = ok && EMAIL.test(text(draft.email).trim());
    return ok;
  }

  /** The message of a draft: subject, body (greeting, order number, what happened, what is
   * wanted, thanks) and both as one text for copying ("Subject: ..." first). */
  function message(draft, words) {
    draft = draft || {};
    words = words || {};
    const parts = [words["widget.body.greeting"] || ""];
    const order = text(draft.order).trim();
    if (order) parts.push((words["widget.body.order"] || "") + ": " + order);
    [text(draft.happened).trim(), text(draft.want).trim()].forEach((part) => {
      if (part) parts.push(part);
    });
    parts.push(words["widget.body.thanks"] || "");
    const body = parts.filter(Boolean).join("\n\n");
    const subject = text(draft.subject).trim().replace(/\s+/g, " ");
    const label = words["widget.compose.subject"] || "Subject";
    return { subject, body, text: label + ": " + subject + "\n\n" + body };
  }

  /** A mailto: link with subject and body, or "" when the address is not one or the link
   * would be too long for mail programs (copy the message instead). */
  function mailto(address, subject, body) {
    if (!EMAIL.test(text(address))) return "";
    const href = "mailto:" + address + "?subject=" + encodeURIComponent(wellFormed(subject)) +
      "&body=" + encodeURIComponent(wellFormed(body).replace(/\r?\n/g, "\r\n"));
    return href.length <= MAILTO_LIMIT ? href : "";
  }

  ns.compose = Object.freeze({ check, secrets, complete, message, mailto });
})(typeof self !== "undefined" ? self : globalThis);
