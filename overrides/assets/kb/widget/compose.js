/* Helpfirst help widget: the guided email's checks and the message it builds.
 *
 * KbHelpWidget.compose.check(draft, lang, words, options) -> [{field, code, block}]
 * KbHelpWidget.compose.message(draft, words) -> {subject, body, text}
 * KbHelpWidget.compose.mailto(address, subject, body) -> "mailto:..." or "" when too long
 *
 * A draft is {subject, order, happened, want, email}. The checks follow the help centre's guide
 * to writing to customer service: a specific subject (not a lone "Help", not all capitals), an
 * order number where an order is mentioned, short paragraphs, a calm tone. Two checks block
 * sending until the text is removed, because the message would otherwise carry a secret: a
 * payment-card number (13 to 19 digits that pass the Luhn check) and a password. Words that the
 * checks look for are per language (`widget.words.*` in the language's strings) and are compared
 * after the search analysers (KbAnalysis), so inflected and unaccented forms count too.
 * Pure functions: nothing here touches the page.
 */
(function (root) {
  "use strict";

  var ns = (root.KbHelpWidget = root.KbHelpWidget || {});
  if (ns.compose) return;

  // RFC 6068 sets no limit, but mail programs and browsers cut long mailto: links.
  var MAILTO_LIMIT = 2000;
  var PARAGRAPH_LIMIT = 600;
  var SUBJECT_WORDS = 12;
  var SUBJECT_CHARS = 90;
  var CARD = /(?<!\d[ -]?)(?:\d[ -]?){12,18}\d(?![ -]?\d)/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var EMAIL = /^[^@\s?&#/]+@[^@\s?&#/]+\.[^@\s?&#/]+$/;
  var EXCLAIM = /!{2,}|[!?]{3,}|\?!|!\?/;
  var TEXT_FIELDS = ["subject", "happened", "want"];
  var ALL_FIELDS = ["subject", "order", "happened", "want", "email"];

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
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var digit = digits.charCodeAt(digits.length - 1 - i) - 48;
      if (i % 2 === 1) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    return digits.length > 0 && sum % 10 === 0;
  }

  /** Card-like numbers in a text: 13 to 19 digits (spaces or dashes between) that pass Luhn. */
  function cardNumbers(value) {
    var found = [];
    var matches = text(value).match(CARD) || [];
    matches.forEach(function (match) {
      var digits = match.replace(/[ -]/g, "");
      if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) found.push(match);
    });
    return found;
  }

  var prepared = Object.create(null);

  /** The analysed terms of a comma-separated word list, per language, cached. */
  function termsOf(list, lang) {
    var key = lang + "\u0000" + list;
    if (!prepared[key]) {
      var set = Object.create(null);
      text(list).split(",").forEach(function (word) {
        analyse(word, lang).forEach(function (term) { set[term] = true; });
      });
      prepared[key] = set;
    }
    return prepared[key];
  }

  function analyse(value, lang) {
    var analysis = root.KbAnalysis;
    if (!analysis) return text(value).toLowerCase().match(WORD) || [];
    return analysis.analyse(text(value), lang, { stopwords: [] });
  }

  /** Whether the text mentions any word of a list, in any inflection the analyser knows. */
  function mentions(value, list, lang) {
    var terms = termsOf(list, lang);
    return analyse(value, lang).some(function (term) { return terms[term] === true; });
  }

  /** A token that looks like a secret: digits, symbols or mixed case, or quoted. */
  function secretLike(token) {
    if (/^["'“”‘’«»].+["'“”‘’«»]$/.test(token)) return true;
    var bare = token.replace(/[.,;!?)]+$/, "");
    if (bare.length < 4) return false;
    return /\d/.test(bare) || /[^\p{L}\p{N}]/u.test(bare) || /\p{Ll}\p{Lu}/u.test(bare);
  }

  /** Whether a text gives a password: a password word followed by ":" or "=" and a token, or
   * by "is" (per language) and a token that looks like a secret. */
  function givesPassword(value, lang, words) {
    value = text(value);
    var names = termsOf(words["widget.words.password"], lang);
    var links = text(words["widget.words.is"]).split(",").map(function (w) {
      return w.trim().toLowerCase();
    }).filter(Boolean);
    WORD.lastIndex = 0;
    var match;
    while ((match = WORD.exec(value)) !== null) {
      var terms = analyse(match[0], lang);
      if (!terms.length || names[terms[0]] !== true) continue;
      var rest = value.slice(match.index + match[0].length, match.index + match[0].length + 80);
      var assigned = /^\s*[:=]\s*(\S+)([^\n]*)/.exec(rest);
      if (assigned) {
        // "password: sunshine" on its own is a password, a sentence after the colon is not.
        if (secretLike(assigned[1]) || !assigned[2].trim()) return true;
        continue;
      }
      var said = /^\s*(\p{L}+)\s+(\S+)/u.exec(rest);
      if (said && links.indexOf(said[1].toLowerCase()) >= 0 && secretLike(said[2])) return true;
    }
    return false;
  }

  /** All capitals: mostly upper-case letters, or three upper-case words in a row. */
  function shouting(value) {
    value = text(value);
    var cased = 0, upper = 0;
    for (var i = 0; i < value.length; i++) {
      var c = value.charAt(i);
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
    var terms = analyse(subject, lang);
    if (!terms.length) return false;
    var vagueTerms = termsOf(words["widget.words.vague"], lang);
    var stop = Object.create(null);
    (Array.isArray(stopwords) ? stopwords : []).forEach(function (word) {
      analyse(word, lang).forEach(function (term) { stop[term] = true; });
    });
    return terms.every(function (term) {
      return vagueTerms[term] === true || stop[term] === true || term.length < 3;
    });
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
    var found = [];
    function add(field, code, block) {
      found.push({ field: field, code: code, block: !!block });
    }
    var subject = text(draft.subject).trim();
    if (subject && vague(subject, lang, words, options.stopwords)) add("subject", "subject.vague");
    if (subject.length > SUBJECT_CHARS || (subject.match(WORD) || []).length > SUBJECT_WORDS) {
      add("subject", "subject.long");
    }
    var order = text(draft.order).trim();
    var whole = options.orderPattern ? orderRegExp(options.orderPattern, true) : null;
    if (order && whole && !whole.test(order)) add("order", "order.format");
    var prose = TEXT_FIELDS.map(function (f) { return text(draft[f]); }).join("\n");
    var anywhere = options.orderPattern ? orderRegExp(options.orderPattern, false) : null;
    if (!order && mentions(prose, words["widget.words.order"], lang) &&
        !(anywhere && anywhere.test(prose))) {
      add("order", "order");
    }
    ALL_FIELDS.forEach(function (field) {
      var value = text(draft[field]);
      if (!value.trim()) return;
      if (cardNumbers(value).length) add(field, "card", true);
      if (field !== "email" && givesPassword(value, lang, words)) add(field, "password", true);
      if (field === "subject" || field === "happened" || field === "want") {
        if (shouting(value)) add(field, "caps");
        if (EXCLAIM.test(value)) add(field, "exclaim");
      }
      if ((field === "happened" || field === "want") && value.split(/\n\s*\n/).some(
        function (paragraph) { return paragraph.trim().length > PARAGRAPH_LIMIT; })) {
        add(field, "paragraph");
      }
    });
    var email = text(draft.email).trim();
    if (options.needEmail && email && !EMAIL.test(email)) add("email", "email");
    return found;
  }

  /** Whether a draft has what every message needs: a subject and what happened. */
  function complete(draft, options) {
    draft = draft || {};
    var ok = !!(text(draft.subject).trim() && text(draft.happened).trim());
    if (options && options.needEmail) ok = ok && EMAIL.test(text(draft.email).trim());
    return ok;
  }

  /** The message of a draft: subject, body (greeting, order number, what happened, what is
   * wanted, thanks) and both as one text for copying ("Subject: ..." first). */
  function message(draft, words) {
    draft = draft || {};
    words = words || {};
    var parts = [words["widget.body.greeting"] || ""];
    var order = text(draft.order).trim();
    if (order) parts.push((words["widget.body.order"] || "") + ": " + order);
    [text(draft.happened).trim(), text(draft.want).trim()].forEach(function (part) {
      if (part) parts.push(part);
    });
    parts.push(words["widget.body.thanks"] || "");
    var body = parts.filter(Boolean).join("\n\n");
    var subject = text(draft.subject).trim().replace(/\s+/g, " ");
    var label = words["widget.compose.subject"] || "Subject";
    return { subject: subject, body: body, text: label + ": " + subject + "\n\n" + body };
  }

  /** A mailto: link with subject and body, or "" when the address is not one or the link
   * would be too long for mail programs (copy the message instead). */
  function mailto(address, subject, body) {
    if (!EMAIL.test(text(address))) return "";
    var href = "mailto:" + address + "?subject=" + encodeURIComponent(wellFormed(subject)) +
      "&body=" + encodeURIComponent(wellFormed(body).replace(/\r?\n/g, "\r\n"));
    return href.length <= MAILTO_LIMIT ? href : "";
  }

  ns.compose = Object.freeze({
    check: check,
    complete: complete,
    message: message,
    mailto: mailto,
    luhn: luhn,
    cardNumbers: cardNumbers,
    givesPassword: givesPassword,
    shouting: shouting,
    vague: vague,
    MAILTO_LIMIT: MAILTO_LIMIT
  });
})(typeof self !== "undefined" ? self : globalThis);
