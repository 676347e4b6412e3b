/* Helpfirst insights: what the site search, "Was this page helpful?" and the help widget record
 * when `extra.kb.insights` is on (the format: hooks/helpfirst/insights.py; README "Insights").
 *
 * One shared object, found as self[Symbol.for("helpfirst.insights")] (no global name):
 *   scrub(text)            what a reader typed, made safe to send (the same rules as Python's
 *                          helpfirst.insights.scrub, held to tests/vectors/insights_scrub.json);
 *   visit(config)          a recorder for one page view or one widget session, with its own
 *                          random id in memory: {record(type, fields, options), flush()};
 *   record(type, fields, options)  the page's own recorder, set up from the page's
 *                          `kb-insights` facts (nothing happens where a page has none).
 * config: {mode: "log" | "endpoint", url, lang, where: "site" | "widget"}; in log mode `url`
 * is the help site's `insights/e`, in endpoint mode the team's address.
 *
 * Nothing is stored (no cookie, no storage); with Global Privacy Control or Do Not Track on,
 * nothing is sent at all. Events wait in memory and leave together, off the typing path: a
 * search only once the reader has paused, the queue a moment after the last event or when
 * the page is hidden. */
((root) => {
  "use strict";

  const KEY = Symbol.for("helpfirst.insights");
  if (root[KEY]) return;

  const VERSION = "1";
  const MAX_TEXT = 100;
  const MAX_SEEN = 20;
  const MAX_BATCH = 20;
  /* A search is kept once the reader has stopped typing for this long. */
  const SEARCH_PAUSE = 1200;
  /* The queue leaves this long after its last event (or at once when the page is hidden). */
  const SEND_DELAY = 1500;
  const KEYS = ["v", "t", "s", "l", "w", "q", "n", "p", "e", "seen", "m", "vote", "r"];
  const TYPES = ["start", "search", "open", "answer", "compose", "sent", "vote"];

  /* Python's whitespace (str.isspace, which its \s follows), written out: JavaScript's \s
   * differs (it has U+FEFF, and lacks U+001C-U+001F and U+0085). */
  const WS = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const CARD = /(?:[0-9][ -]?){12,18}[0-9]/g;
  const EMAIL = new RegExp("[^" + WS + "@]+@[^" + WS + "@]+", "g");
  const DIGITS = /[0-9]{4,}/g;
  const SPACE = new RegExp("[" + WS + "]+", "g");
  const ENDS = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");

  /** Card-like numbers removed, email addresses to "@", runs of 4+ digits to "#", spaces
   * collapsed, at most MAX_TEXT characters (code points). */
  function scrub(text) {
    let out = String(text).replace(CARD, " ").replace(EMAIL, "@").replace(DIGITS, "#");
    out = out.replace(SPACE, " ").replace(ENDS, "");
    const points = Array.from(out);
    if (points.length > MAX_TEXT) out = points.slice(0, MAX_TEXT).join("").replace(ENDS, "");
    return out;
  }

  /** Global Privacy Control or Do Not Track: the reader asked not to be counted. */
  function declined() {
    const nav = root.navigator || {};
    return (
      nav.globalPrivacyControl === true ||
      nav.doNotTrack === "1" ||
      nav.doNotTrack === "yes" ||
      root.doNotTrack === "1"
    );
  }

  /** A random visit id, 16 characters of [A-Za-z0-9_-]. */
  function visitId() {
    const bytes = new Uint8Array(12);
    root.crypto.getRandomValues(bytes);
    let text = "";
    for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_");
  }

  /** The event's keys as sent: text scrubbed, ids checked, nothing empty. */
  function fieldsOf(type, fields, base) {
    const event = { v: VERSION, t: type, s: base.s, l: base.l, w: base.w };
    const given = fields || {};
    if (given.q != null) event.q = scrub(given.q);
    if (given.r != null) event.r = scrub(given.r);
    for (const key of ["n", "p"]) {
      const value = Number(given[key]);
      if (given[key] != null && Number.isInteger(value) && value >= 0 && value < 1e6) {
        event[key] = String(value);
      }
    }
    for (const key of ["e", "m", "vote"]) {
      if (typeof given[key] === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(given[key])) {
        event[key] = given[key];
      }
    }
    if (Array.isArray(given.seen)) {
      const seen = given.seen.filter((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(String(id)));
      if (seen.length) event.seen = seen.slice(-MAX_SEEN).join(",");
    }
    for (const key of KEYS) if (event[key] === "" || event[key] == null) delete event[key];
    return event;
  }

  /** The query string of an event for log mode, keys in the format's order. */
  function encode(event) {
    const parts = [];
    for (const key of KEYS) {
      if (event[key] != null) parts.push(key + "=" + encodeURIComponent(event[key]));
    }
    return parts.join("&");
  }

  /** Sends without cookies or referrer, surviving the page's end (keepalive). */
  function send(url, body) {
    const init = {
      method: body ? "POST" : "GET",
      keepalive: true,
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      mode: "no-cors",
    };
    if (body) {
      /* text/plain needs no CORS preflight; the body is JSON. */
      init.body = body;
      init.headers = { "Content-Type": "text/plain;charset=UTF-8" };
    }
    try {
      if (typeof root.fetch === "function") {
        root.fetch(url, init).catch(() => {});
        return;
      }
      if (body && root.navigator && root.navigator.sendBeacon) {
        root.navigator.sendBeacon(url, body);
      } else if (!body && typeof Image !== "undefined") {
        new Image().src = url;
      }
    } catch (error) {
      /* insights never break the page */
    }
  }

  const visits = [];

  /** A recorder for one page view or widget session. */
  function visit(config) {
    const mode = config && config.mode;
    const url = config && config.url;
    if ((mode !== "log" && mode !== "endpoint") || !url || declined()) {
      return { record() {}, flush() {} };
    }
    const base = { s: visitId(), l: String(config.lang || ""), w: config.where || "site" };
    let queue = [];
    /* Events that a later one of the same type replaces: a search while the reader types, a
     * "No" vote until its reason comes. type -> {event, timer}. */
    let held = {};
    let sendTimer = 0;
    /* The search last queued, as "query\ncount", until another kind of event comes. */
    let lastSearch = "";

    /** Queue an event. A search equal to the one just before it (the same results shown again,
     * as a results list that updates twice does) is the same search, not another. */
    function enqueue(event) {
      const key = event.t === "search" ? event.q + "\n" + event.n : "";
      if (key && key === lastSearch) return;
      lastSearch = key;
      queue.push(event);
    }

    function commitHeld() {
      for (const type of Object.keys(held)) {
        clearTimeout(held[type].timer);
        if (held[type].event) enqueue(held[type].event);
      }
      held = {};
    }

    function flush() {
      commitHeld();
      clearTimeout(sendTimer);
      const events = queue;
      queue = [];
      if (mode === "log") {
        for (const event of events) send(url + "?" + encode(event));
      } else {
        for (let i = 0; i < events.length; i += MAX_BATCH) {
          send(url, JSON.stringify(events.slice(i, i + MAX_BATCH)));
        }
      }
    }

    /** Record one event. A search is held until the reader pauses; `hold: true` holds any
     * event until another event comes or the page is hidden. A held event is replaced by the
     * next one of its type. */
    function record(type, fields, options) {
      if (TYPES.indexOf(type) < 0) return;
      const event = fieldsOf(type, fields, base);
      const hold = options && options.hold;
      if (type === "search" || hold) {
        if (held[type]) clearTimeout(held[type].timer);
        /* A search with nothing left after scrubbing is not one. */
        const kept = type !== "search" || (event.q && event.n != null) ? event : null;
        const timer = hold
          ? 0
          : setTimeout(() => {
              if (held[type] && held[type].event) enqueue(held[type].event);
              delete held[type];
              schedule();
            }, SEARCH_PAUSE);
        held[type] = { event: kept, timer };
        return;
      }
      const waiting = held[type];
      if (waiting) {
        clearTimeout(waiting.timer);
        delete held[type];
      }
      commitHeld();
      enqueue(event);
      schedule();
    }

    function schedule() {
      clearTimeout(sendTimer);
      if (queue.length) sendTimer = setTimeout(flush, SEND_DELAY);
    }

    const recorder = { record, flush };
    visits.push(recorder);
    return recorder;
  }

  /* A hidden page may never come back: what waits leaves now. */
  if (typeof document !== "undefined" && root.addEventListener) {
    const leave = () => visits.forEach((one) => one.flush());
    root.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") leave();
    });
  }

  /** The page's own recorder, from its `kb-insights` facts (overrides/main.html). */
  let own = null;
  function pageVisit() {
    if (own) return own;
    let config = null;
    try {
      const holder = typeof document !== "undefined" && document.getElementById("kb-insights");
      config = holder ? JSON.parse(holder.textContent) : null;
    } catch (error) {
      config = null;
    }
    if (config) config.url = new URL(config.url, root.location.href).href;
    own = visit(config ? Object.assign({ where: "site" }, config) : null);
    return own;
  }

  const api = Object.freeze({
    scrub,
    visit,
    record: (type, fields, options) => pageVisit().record(type, fields, options),
    flush: () => pageVisit().flush(),
  });
  Object.defineProperty(root, KEY, { value: api });
})(typeof self !== "undefined" ? self : globalThis);
