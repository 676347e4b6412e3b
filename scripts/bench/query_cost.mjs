// The cost of the site search's query in Node: KbAnalysis.query(index, text, lang,
// {stopwords, limit: 30}), as search.js calls it, for each key of the queries that
// search_latency.py types, one analysis.js against another, interleaved key by key.
//
//   node scripts/bench/query_cost.mjs --site DIR [--site DIR ...] [--old FILE] [--new FILE]
//                                     [--passes 5] [--langs en,sl,lv] [--limit 30] [--keys 8]
//                                     [--same]
//
// DIR is a built site (its search/kb-<lang>.json payloads). --new defaults to this checkout's
// overrides/assets/kb/analysis.js; --old is another analysis.js (for example one of an older
// commit, from `git show <commit>:overrides/assets/kb/analysis.js > FILE`). Each pass loads
// every payload afresh into both, as a page that opens does (search.js: KbAnalysis.load, then
// KbAnalysis.documents), and types every query once: a key is a prefix of a query. One pass
// more, first and not counted, warms up the JIT. Prints, per site, language and version, p50,
// mean, p95 and max over every key of every pass, over each key's median over the passes and
// over each key's fastest pass, then the --keys keys whose median grew most.
//
// --same also checks that the two give the same results, ref and score, for every key (for
// two versions of one ranking); a difference is printed and the exit status is 1.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const LUNR = join(ROOT, "overrides", "assets", "kb", "vendor", "lunr-2.3.9.min.js");

// The queries of search_latency.py QUERIES.
const QUERIES = {
  en: ["reset password", "cancel my subscription", "invoice for my order", "parcel delivery"],
  sl: ["ponastavitev gesla", "preklic naročnine", "račun za naročilo", "dostava paketa"],
  lv: ["paroles atiestatīšana", "atcelt abonementu", "pasūtījuma rēķins", "sūtījuma piegāde"],
};

function parseArgs(argv) {
  const args = { site: [], old: null, new: join(ROOT, "overrides", "assets", "kb", "analysis.js"),
    passes: 5, langs: "en,sl,lv", limit: 30, keys: 8, same: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, "");
    if (name === "same") args.same = true;
    else if (name === "site") args.site.push(argv[++i]);
    else if (name in args) args[name] = argv[++i];
    else throw new Error("unknown option " + argv[i]);
  }
  if (!args.site.length || !args.old) throw new Error("--site and --old are required");
  args.passes = Number(args.passes);
  args.limit = Number(args.limit);
  args.keys = Number(args.keys);
  args.langs = args.langs.split(",");
  return args;
}

/** A fresh lunr and KbAnalysis of one analysis.js file (nothing shared with another). */
function loadVersion(file) {
  const require = createRequire(import.meta.url);
  delete require.cache[require.resolve(LUNR)];
  const lunr = require(LUNR);
  const holder = {};
  new Function("self", readFileSync(file, "utf8"))(holder);
  return { lunr, kb: holder.KbAnalysis };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function summary(times) {
  const sorted = times.slice().sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { p50: percentile(sorted, 0.5), mean, p95: percentile(sorted, 0.95), max: sorted.at(-1) };
}

function keysOf(lang) {
  const keys = [];
  QUERIES[lang].forEach((text) => {
    for (let n = 1; n <= text.length; n++) keys.push(text.slice(0, n));
  });
  return keys;
}

function run(args) {
  const versions = { old: loadVersion(args.old), new: loadVersion(args.new) };
  let differences = 0;
  for (const site of args.site) {
    for (const lang of args.langs) {
      const text = readFileSync(join(site, "search", "kb-" + lang + ".json"), "utf8");
      const keys = keysOf(lang);
      const times = { old: keys.map(() => []), new: keys.map(() => []) };
      // The first pass, not counted, lets the JIT compile both versions.
      for (let pass = -1; pass < args.passes; pass++) {
        const loaded = {};
        for (const name of ["old", "new"]) {
          const payload = JSON.parse(text), v = versions[name];
          // As search.js prepares a payload: its index, then what its results show.
          loaded[name] = { payload, index: v.kb.load(v.lunr, payload) };
          v.kb.documents(payload);
        }
        // Which version goes first alternates by key and pass.
        keys.forEach((key, k) => {
          const order = (k + pass) % 2 ? ["old", "new"] : ["new", "old"];
          const answers = {};
          for (const name of order) {
            const { payload, index } = loaded[name], kb = versions[name].kb;
            const start = performance.now();
            answers[name] = kb.query(index, key, payload.lang,
              { stopwords: payload.stopwords, limit: args.limit });
            if (pass >= 0) times[name][k].push(performance.now() - start);
          }
          if (args.same && JSON.stringify(answers.old) !== JSON.stringify(answers.new)) {
            differences++;
            console.log("DIFFERENT", site, lang, JSON.stringify(key));
          }
        });
      }
      const size = JSON.parse(text).index.refs.length;
      for (const name of ["old", "new"]) {
        // Every key of every pass, then each key's median over the passes (which a busy
        // machine's pauses, falling on one pass, do not move), then each key's fastest pass
        // (closest to a quiet machine's).
        const all = summary(times[name].flat());
        const medians = summary(times[name].map((t) => summary(t).p50));
        const minima = summary(times[name].map((t) => Math.min(...t)));
        [["all", all], ["medians", medians], ["minima", minima]].forEach(([what, s]) => {
          console.log([size, lang, name, keys.length + " keys", what,
            "p50 " + s.p50.toFixed(2), "mean " + s.mean.toFixed(2), "p95 " + s.p95.toFixed(2),
            "max " + s.max.toFixed(2)].join("\t"));
        });
      }
      const grown = keys.map((key, k) => ({
        key,
        old: summary(times.old[k]).p50,
        now: summary(times.new[k]).p50,
      })).sort((a, b) => (b.now - b.old) - (a.now - a.old)).slice(0, args.keys);
      grown.forEach((g) => {
        console.log("  " + JSON.stringify(g.key) + "\told " + g.old.toFixed(2) + "\tnew " +
          g.now.toFixed(2) + " ms");
      });
    }
  }
  return differences;
}

process.exitCode = run(parseArgs(process.argv.slice(2))) ? 1 : 0;
