/*
 * Helpfirst search analysers and query for lunr.js 2.3.9: the browser twin of
 * hooks/helpfirst/analysis.py, stemmers.py and search.py.
 *
 * One dependency-free classic script for a window and a web worker alike; it defines
 * self.KbAnalysis and touches nothing else. Every rule below matches the Python one exactly;
 * tests/vectors/analysers.json holds the two together, so change both or neither.
 *
 *   KbAnalysis.analyse(text, lang, {stopwords})  -> ["term", ...]
 *   KbAnalysis.register(lunr, lang, {stopwords}) -> "kb-sl" (registers the pipeline function)
 *   KbAnalysis.load(lunr, payload)               -> lunr.Index (registers, then loads; the
 *                                                   weights are computed as queries read them)
 *   KbAnalysis.query(index, text, lang, {stopwords, limit, synonyms}) -> [{ref, score}, ...]
 *                                                  (synonyms default to the loaded payload's;
 *                                                  results rescored as search.py says)
 *
 * Stop word lists are configuration (the build embeds them in each index payload); this file
 * holds none. Without a list, analyse() and query() use the one given to register()/load().
 */
((root) => {
  'use strict';

  const LANGUAGES = ['en', 'sl', 'lv'];
  const GENERIC = 'generic';
  const LABEL_PREFIX = 'kb-';
  // A token longer than this is a URL, a hash or garbage, never a word someone types.
  const MAX_TERM_LENGTH = 64;
  // Clause boosts and lengths: equal to search.py's, which says why each value (pinned by tests).
  const EXACT_BOOST = 10;
  const PREFIX_BOOST = 3;
  const TYPO_BOOST = 0.5;
  const SYNONYM_BOOST = 5;
  const CORRECTION_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
  const CORRECTION_BOOST = 5;
  const MAX_CORRECTIONS = 8;
  const MAX_CORRECTION_LENGTH = 20;
  const MAX_CORRECTED_WORDS = 4;
  const MIN_PREFIX_LENGTH = 3;
  const MIN_TYPO_LENGTH = 5;
  // Nobody types more than this into a search box; the caps keep hostile input cheap.
  const MAX_QUERY_CHARS = 1000;
  const MAX_QUERY_TOKENS = 32;
  const DEFAULT_LIMIT = 10;
  // Rescoring by words side by side in what a result shows (search.py says why).
  const ADJACENCY_BOOST = 1;
  const ADJACENCY_FIELDS = ['title', 'summary'];
  const RESCORE_WINDOW = 10;
  // The payload's index form (search.py COMPACT_FORMAT).
  const COMPACT_FORMAT = 'kb-compact-2';
  // lunr.Query.wildcard.TRAILING; a number so that query() needs no global lunr.
  const WILDCARD_TRAILING = 2;

  const FORMAT_CHARS = /\p{Cf}/gu;
  const CHUNK = /[\p{L}\p{M}\p{N}'\u2019.\-\u2010\u2011]+/gu;
  const LEADING_JUNK = /^[^\p{L}\p{N}]+/u;
  // A chunk without joiners that neither end trims.
  const PLAIN_CHUNK = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}]*$/u;
  // The last letter, mark or digit and what follows it. Written this way, not as /junk+$/,
  // because that form backtracks quadratically on long inner runs of hyphens or dots.
  const LAST_WORD_CHAR = /[\p{L}\p{M}\p{N}][^\p{L}\p{M}\p{N}]*$/u;
  const APOSTROPHES = /['\u2019]/g;
  const HYPHEN_RUN = /[-\u2010\u2011]+/;
  const DOT_RUN = /\.+/;
  const LETTER = /^\p{L}$/u;
  const DIGIT = /\p{N}/u;
  const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
  const WIDE_UNITS = /[\ud800-\uffff]/;
  const NON_ASCII = /[^\p{ASCII}]/gu;
  const ASCII_WORD = /^[a-z]+$/;

  // Lower-case letters to base letters: the same explicit map as analysis.py's FOLDING.
  const FOLDING = Object.create(null);
  [
    ['àáâãäåāăą', 'a'], ['çćĉċč', 'c'], ['ďđ', 'd'], ['èéêëēĕėęě', 'e'], ['ĝğġģ', 'g'],
    ['ĥħ', 'h'], ['ìíîïĩīĭįı', 'i'], ['ĵ', 'j'], ['ķ', 'k'], ['ĺļľŀł', 'l'], ['ñńņň', 'n'],
    ['òóôõöøōŏő', 'o'], ['ŕŗř', 'r'], ['śŝşšș', 's'], ['ţťŧț', 't'], ['ùúûüũūŭůűų', 'u'],
    ['ŵ', 'w'], ['ýÿŷ', 'y'], ['źżž', 'z'], ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ð', 'd'],
    ['þ', 'th'],
    // Lower-casing picks σ or ς by position; folding the final form makes that irrelevant.
    ['ς', 'σ']
  ].forEach((row) => {
    Array.from(row[0]).forEach((c) => { FOLDING[c] = row[1]; });
  });

  /** Number of code points (Python's len), not UTF-16 units. */
  function cpLength(text) {
    let n = 0;
    for (let i = 0; i < text.length; n++) i += text.codePointAt(i) > 0xffff ? 2 : 1;
    return n;
  }

  /** The first `count` code points of `text` (Python's text[:count]). */
  function clip(text, count) {
    let i = 0;
    for (let n = 0; i < text.length && n < count; n++) i += text.codePointAt(i) > 0xffff ? 2 : 1;
    return text.slice(0, i);
  }

  /** Maps a language code (sl, sl-SI, LV, de) to an analyser: en, sl, lv or generic. */
  function languageKey(lang) {
    const primary = String(lang == null ? '' : lang).trim().toLowerCase().split(/[-_]/)[0];
    return LANGUAGES.includes(primary) ? primary : GENERIC;
  }

  /** The lunr pipeline label of a language's analyser: kb-en, kb-sl, kb-lv or kb-generic. */
  function label(lang) {
    return LABEL_PREFIX + languageKey(lang);
  }

  /** Drops format characters (Cf), then applies NFC and lower-cases. */
  function normalise(text) {
    // Cf first: a soft hyphen or zero-width space inside a word must not split it.
    return text.replace(FORMAT_CHARS, '').normalize('NFC').toLowerCase();
  }

  /** Strips non-letter/digit leading and non-letter/mark/digit trailing characters. */
  function trim(token) {
    token = token.replace(LEADING_JUNK, '');
    const last = LAST_WORD_CHAR.exec(token);
    if (!last) return '';
    return token.slice(0, last.index + (last[0].codePointAt(0) > 0xffff ? 2 : 1));
  }

  /** True for a one-character letter, the e of e-pošta or a d of d.o.o. */
  function isSingleLetter(part) {
    return cpLength(part) === 1 && LETTER.test(part);
  }

  /** Trimmed, non-empty pieces of `text` split by `separator`. */
  function pieces(text, separator) {
    return text.split(separator).map(trim).filter((p) => p.length > 0);
  }

  /** Hyphen rule: a single letter glues to the next part; other compounds give their parts
   *  and then the parts joined (self-service -> self, service, selfservice). */
  function splitHyphens(part) {
    const parts = pieces(part, HYPHEN_RUN), glued = [];
    let pending = '';
    for (let i = 0; i < parts.length; i++) {
      const piece = pending + parts[i];
      pending = '';
      if (i < parts.length - 1 && isSingleLetter(piece)) {
        pending = piece;
        continue;
      }
      glued.push(piece);
    }
    return glued.length <= 1 ? glued : glued.concat([glued.join('')]);
  }

  /** Cuts one run of word characters and joiners into tokens. */
  function splitChunk(chunk) {
    chunk = trim(chunk);
    // English possessive: customer's -> customer (also McDonald's); other apostrophes glue.
    const apostrophe = chunk.charAt(chunk.length - 2);
    const possessive = apostrophe === "'" || apostrophe === '\u2019';
    if (chunk.length > 2 && chunk.slice(-1) === 's' && possessive) {
      chunk = chunk.slice(0, -2);
    }
    chunk = chunk.replace(APOSTROPHES, '');
    let dotted = pieces(chunk, DOT_RUN);
    // Abbreviations made of single letters are one word: d.o.o. -> doo, e.g. -> eg.
    if (dotted.length > 1 && dotted.every(isSingleLetter)) dotted = [dotted.join('')];
    const tokens = [];
    dotted.forEach((part) => { tokens.push.apply(tokens, splitHyphens(part)); });
    return tokens;
  }

  /** Splits normalised text into tokens (see analysis.py's tokenise for the rules). */
  function tokenise(text) {
    const tokens = [];
    const chunks = normalise(text).match(CHUNK) || [];
    chunks.forEach((chunk) => {
      // Most chunks are one plain word, which splitChunk would return as it is.
      if (PLAIN_CHUNK.test(chunk)) tokens.push(chunk);
      else tokens.push.apply(tokens, splitChunk(chunk));
    });
    // A token of at most MAX_TERM_LENGTH UTF-16 units has at most as many code points.
    return tokens.filter((t) => t.length <= MAX_TERM_LENGTH || cpLength(t) <= MAX_TERM_LENGTH);
  }

  /** Folds diacritics of a lower-case term to base letters with the explicit map. */
  function fold(term) {
    return term.replace(NON_ASCII, (c) => c in FOLDING ? FOLDING[c] : c);
  }

  /** One of a e i o u (the stemmers see folded a-z input only). */
  function isVowel(c) {
    return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u';
  }

  // --- English: Porter (1980), as stemmers.py ---------------------------------------------
  /** Orders suffix rules longest first: Porter obeys only the longest matching suffix. */
  function longestFirst(rules) {
    return rules.slice().sort((a, b) => b[0].length - a[0].length);
  }

  /** Suffix rules by the last letter of their suffix (`suffixOf(rule)`), each list in the
   * rules' order: a word is tried against the rules that can end it alone, a stemmer's first
   * matching rule stays the same, and a word's corrections stem hundreds of words. */
  function byLastLetter(rules, suffixOf) {
    const table = Object.create(null);
    rules.forEach((rule) => {
      const suffix = suffixOf(rule), last = suffix.charAt(suffix.length - 1);
      (table[last] || (table[last] = [])).push(rule);
    });
    return table;
  }

  /** The rules of a `byLastLetter` table that can end `word`. */
  function endingIn(table, word) {
    return table[word.charAt(word.length - 1)] || NO_RULES;
  }
  const NO_RULES = Object.freeze([]);

  const EN_STEP2 = byLastLetter(longestFirst([
    ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
    ['abli', 'able'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'],
    ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'],
    ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
    ['iviti', 'ive'], ['biliti', 'ble']
  ]), (rule) => rule[0]);
  const EN_STEP3 = byLastLetter(longestFirst([
    ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'],
    ['ful', ''], ['ness', '']
  ]), (rule) => rule[0]);
  const EN_STEP4 = byLastLetter([
    'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion',
    'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'
  ].sort((a, b) => b.length - a.length), (suffix) => suffix);

  /** Porter's consonant: not a vowel, and y only when it follows a vowel (or starts). */
  function enConsonant(word, i) {
    const c = word.charAt(i);
    if (isVowel(c)) return false;
    if (c === 'y') return i === 0 || !enConsonant(word, i - 1);
    return true;
  }

  /** Porter's m: the number of vowel-consonant sequences in [C](VC)^m[V]. */
  function enMeasure(stem) {
    const n = stem.length;
    let count = 0, i = 0;
    while (i < n && enConsonant(stem, i)) i++;
    while (i < n) {
      while (i < n && !enConsonant(stem, i)) i++;
      if (i >= n) break;
      while (i < n && enConsonant(stem, i)) i++;
      count++;
    }
    return count;
  }

  /** Porter's *v*: the stem contains a vowel. */
  function enHasVowel(stem) {
    for (let i = 0; i < stem.length; i++) if (!enConsonant(stem, i)) return true;
    return false;
  }

  /** Porter's *d: the word ends with a doubled consonant. */
  function enDoubleConsonant(word) {
    const n = word.length;
    return n >= 2 && word.charAt(n - 1) === word.charAt(n - 2) && enConsonant(word, n - 1);
  }

  /** Porter's *o: ends consonant-vowel-consonant, the last not w, x or y. */
  function enCvc(word) {
    const n = word.length;
    return n >= 3 && enConsonant(word, n - 3) && !enConsonant(word, n - 2) &&
      enConsonant(word, n - 1) && 'wxy'.indexOf(word.charAt(n - 1)) < 0;
  }

  /** Applies the longest matching [suffix, replacement] rule when the stem's m > minimum. */
  function enReplace(word, table, minimum) {
    const rules = endingIn(table, word);
    for (let i = 0; i < rules.length; i++) {
      if (word.endsWith(rules[i][0])) {
        const stem = word.slice(0, word.length - rules[i][0].length);
        return enMeasure(stem) > minimum ? stem + rules[i][1] : word;
      }
    }
    return word;
  }

  /** Stems an English term with the Porter (1980) algorithm. */
  function stemEn(word) {
    if (word.length <= 2 || !ASCII_WORD.test(word)) return word;
    if (word.endsWith('sses') || word.endsWith('ies')) word = word.slice(0, -2);
    else if (word.endsWith('s') && !word.endsWith('ss')) word = word.slice(0, -1);
    let repair = false;
    if (word.endsWith('eed')) {
      if (enMeasure(word.slice(0, -3)) > 0) word = word.slice(0, -1);
    } else if (word.endsWith('ed') && enHasVowel(word.slice(0, -2))) {
      word = word.slice(0, -2);
      repair = true;
    } else if (word.endsWith('ing') && enHasVowel(word.slice(0, -3))) {
      word = word.slice(0, -3);
      repair = true;
    }
    if (repair) {
      if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) word += 'e';
      else if (enDoubleConsonant(word) && 'lsz'.indexOf(word.slice(-1)) < 0) {
        word = word.slice(0, -1);
      }
      else if (enMeasure(word) === 1 && enCvc(word)) word += 'e';
    }
    if (word.endsWith('y') && enHasVowel(word.slice(0, -1))) word = word.slice(0, -1) + 'i';
    word = enReplace(word, EN_STEP2, 0);
    word = enReplace(word, EN_STEP3, 0);
    const step4 = endingIn(EN_STEP4, word);
    for (let i = 0; i < step4.length; i++) {
      const suffix = step4[i];
      if (word.endsWith(suffix)) {
        const stem = word.slice(0, -suffix.length);
        const ionOk = suffix !== 'ion' || stem.endsWith('s') || stem.endsWith('t');
        if (enMeasure(stem) > 1 && ionOk) word = stem;
        break;
      }
    }
    if (word.endsWith('e')) {
      const base = word.slice(0, -1), measure = enMeasure(base);
      if (measure > 1 || (measure === 1 && !enCvc(base))) word = base;
    }
    if (word.endsWith('ll') && enMeasure(word) > 1) word = word.slice(0, -1);
    return word;
  }

  // --- Slovenian: the light inflectional stemmer of stemmers.py ------------------------------
  const SL_ENDINGS = byLastLetter([
    'ega', 'emu', 'ama', 'ema', 'oma', 'ami', 'imi', 'ima', 'ajo', 'ejo', 'ijo', 'amo', 'emo',
    'imo', 'ate', 'ete', 'ite', 'ati', 'eti', 'iti', 'om', 'em', 'ov', 'ev', 'ih', 'ah', 'am',
    'im', 'jo', 'a', 'e', 'i', 'o', 'u'
  ], (ending) => ending);
  const SL_MIN_STEM = 3;

  /** Stems a folded Slovenian term: one inflectional ending, then stem-end normalisation. */
  function stemSl(word) {
    if (word.length <= SL_MIN_STEM || !ASCII_WORD.test(word)) return word;
    const endings = endingIn(SL_ENDINGS, word);
    for (let i = 0; i < endings.length; i++) {
      const ending = endings[i];
      if (word.endsWith(ending) && word.length - ending.length >= SL_MIN_STEM) {
        word = word.slice(0, -ending.length);
        break;
      }
    }
    // Stem-end normalisation, in stemmers.py's order (see its comments for the why).
    let tail = word.slice(-3);
    if (word.length >= 6 && (tail === 'anj' || tail === 'enj')) word = word.slice(0, -3);
    const last = word.slice(-1), before = word.slice(-2, -1);
    const soft = word.length >= 4 && last === 'j' && (before === 'i' || !isVowel(before));
    if (soft) word = word.slice(0, -1);
    if (word.length >= 4 && isVowel(word.slice(-1))) word = word.slice(0, -1);
    tail = word.slice(-2);
    if (word.length >= 5 && (tail === 'ov' || tail === 'ev')) word = word.slice(0, -2);
    tail = word.slice(-2);
    if (word.length >= 5 && (tail === 'tv' || tail === 'kv')) word = word.slice(0, -1);
    if (word.length >= 5 && word.slice(-1) === 't' && isVowel(word.slice(-2, -1))) {
      word = word.slice(0, -2);
    }
    if (word.length >= 5 && word.slice(-1) === 'm' && isVowel(word.slice(-2, -1))) {
      word = word.slice(0, -2);
    }
    tail = word.slice(-2);
    if (!soft && word.length >= 5 && (tail === 'il' || tail === 'al')) word = word.slice(0, -2);
    const n = word.length;
    if (n >= 5 && 'lrnck'.includes(word.charAt(n - 1)) && word.charAt(n - 2) === 'e' &&
        !isVowel(word.charAt(n - 3))) {
      word = word.slice(0, n - 2) + word.charAt(n - 1);
    }
    if (word.length >= 6 && word.endsWith('lj')) word = word.slice(0, -1);
    return word;
  }

  // --- Latvian: the light stemmer after Kreslins, adapted to folded input -------------------
  // The published table (affix, vowel count to exceed, un-palatalise), folded here exactly as
  // stemmers.py folds it: each affix folded, order kept, later duplicates dropped.
  const LV_AFFIXES = (function (published) {
    const seen = Object.create(null), table = [];
    published.forEach((row) => {
      const affix = fold(row[0]);
      if (!(affix in seen)) {
        seen[affix] = true;
        table.push([affix, row[1], row[2]]);
      }
    });
    return table;
  })([
    ['ajiem', 3, false], ['ajai', 3, false], ['ajam', 2, false], ['ajām', 2, false],
    ['ajos', 2, false], ['ajās', 2, false], ['iem', 2, true], ['ajā', 2, false],
    ['ais', 2, false], ['ai', 2, false], ['ei', 2, false], ['ām', 1, false], ['am', 1, false],
    ['ēm', 1, false], ['īm', 1, false], ['im', 1, false], ['um', 1, false], ['us', 1, true],
    ['as', 1, false], ['ās', 1, false], ['es', 1, false], ['os', 1, true], ['ij', 1, false],
    ['īs', 1, false], ['ēs', 1, false], ['is', 1, false], ['ie', 1, false], ['u', 1, true],
    ['a', 1, true], ['i', 1, true], ['e', 1, false], ['ā', 1, false], ['ē', 1, false],
    ['ī', 1, false], ['ū', 1, false], ['o', 1, false], ['s', 0, false], ['š', 0, false]
  ]);

  const LV_AFFIX_ENDINGS = byLastLetter(LV_AFFIXES, (row) => row[0]);

  /** Undoes palatalisation after a starred affix; on folded input one rule remains. */
  function lvUnpalatalise(stem) {
    // Only the epenthetic j after a labial: see stemmers.py for the rules left out.
    const n = stem.length;
    if (n >= 2 && stem.charAt(n - 1) === 'j' && 'pbmv'.includes(stem.charAt(n - 2))) {
      return stem.slice(0, -1);
    }
    return stem;
  }

  /** Drops a final vowel + j (lietotāj-, rakstīj-, lietoj-) from a long stem. */
  function lvDropVowelJ(stem) {
    const n = stem.length;
    if (n >= 5 && stem.charAt(n - 1) === 'j' && isVowel(stem.charAt(n - 2))) {
      return stem.slice(0, -2);
    }
    return stem;
  }

  /** The stem of an infinitive (rakstīt, atcerēties -> rakst, atcer), or null. */
  function lvInfinitive(word) {
    for (let i = 0; i < LV_INFINITIVE_ENDINGS.length; i++) {
      const ending = LV_INFINITIVE_ENDINGS[i];
      if (!word.endsWith(ending)) continue;
      const stem = word.slice(0, word.length - ending.length);
      if (stem.length >= 4 && isVowel(stem.slice(-1))) return lvDropVowelJ(stem.slice(0, -1));
    }
    return null;
  }
  const LV_INFINITIVE_ENDINGS = ['ties', 't'];

  /** Stems a folded Latvian term: an infinitive's ending, or one affix and stem-end rules. */
  function stemLv(word) {
    if (!ASCII_WORD.test(word)) return word;
    // The debitive's jā- (jāmaksā), never jau- (jauns): see stemmers.py.
    if (word.length >= 6 && word.slice(0, 2) === 'ja' && word.charAt(2) !== 'u') {
      word = word.slice(2);
    }
    const infinitive = lvInfinitive(word);
    if (infinitive !== null) return infinitive;
    // The vowels are counted once an affix ends the word.
    let vowels = -1;
    const affixes = endingIn(LV_AFFIX_ENDINGS, word);
    for (let j = 0; j < affixes.length; j++) {
      const affix = affixes[j][0];
      if (word.length < affix.length + 3 || !word.endsWith(affix)) continue;
      if (vowels < 0) {
        vowels = 0;
        for (let i = 0; i < word.length; i++) if (isVowel(word.charAt(i))) vowels++;
      }
      if (vowels > affixes[j][1]) {
        word = word.slice(0, -affix.length);
        if (affixes[j][2]) word = lvUnpalatalise(word);
        break;
      }
    }
    // Stem-end rules, in stemmers.py's order (see its comments for the why).
    word = lvDropVowelJ(word);
    if (word.length >= 6 && word.endsWith('iet')) word = word.slice(0, -1) + 's';
    if (word.length >= 6 && word.endsWith('san')) {
      word = word.slice(0, -3);
      if (isVowel(word.slice(-1))) word = word.slice(0, -1);
    }
    return word;
  }

  const STEMMERS = { en: stemEn, sl: stemSl, lv: stemLv };

  /** Stems a folded term with the language's stemmer (generic: unchanged). */
  function stem(term, lang) {
    return stemKey(term, languageKey(lang));
  }

  /** Stems a folded term with analyser `key`'s stemmer (generic: unchanged). */
  function stemKey(term, key) {
    const stemmer = STEMMERS[key];
    return stemmer ? stemmer(term) : term;
  }

  // --- Stop words: configuration, prepared once per list ------------------------------------
  const prepared = typeof WeakMap === 'function' ? new WeakMap() : null;
  // The stop set of an analyser without a list (never changed).
  const NO_STOPWORDS = new Set();
  const registered = Object.create(null);

  /** Normalised, folded stop word set of a list (cached per array). */
  function prepareStopwords(words) {
    if (!Array.isArray(words)) return NO_STOPWORDS;
    const cached = prepared && prepared.get(words);
    if (cached) return cached;
    const set = new Set(words.map((w) => fold(normalise(String(w)))));
    if (prepared) prepared.set(words, set);
    return set;
  }

  /** The stop set for an analyser: options' list, else the registered one; none if generic. */
  function stopwordsFor(key, options) {
    if (key === GENERIC) return NO_STOPWORDS;
    if (options && Array.isArray(options.stopwords)) return prepareStopwords(options.stopwords);
    return registered[key] || NO_STOPWORDS;
  }

  /** Folds one token: [folded, term], term null for a stop word. */
  function analyseToken(token, key, stop) {
    const folded = fold(token);
    return [folded, stop.has(folded) ? null : stemKey(folded, key)];
  }

  /** The terms of `text` for analyser `key` with stop set `stop`. */
  function analyseKey(text, key, stop) {
    const terms = [], known = termMemo(key, stop);
    tokenise(text == null ? '' : String(text)).forEach((token) => {
      let term = known.get(token);
      if (term === undefined) {
        term = analyseToken(token, key, stop)[1];
        if (known.size >= TERM_MEMO_SIZE) known.clear();
        known.set(token, term);
      }
      if (term !== null) terms.push(term);
    });
    return terms;
  }

  /** The terms of tokens analysed before with analyser `key` and stop set `stop`: the titles
   * and summaries that queries rescore repeat their words. */
  function termMemo(key, stop) {
    let memos = TERM_MEMOS.get(stop);
    if (!memos) {
      memos = Object.create(null);
      TERM_MEMOS.set(stop, memos);
    }
    if (!memos[key]) memos[key] = new Map();
    return memos[key];
  }
  const TERM_MEMOS = new WeakMap();
  // Tokens whose terms are kept per analyser and stop set; past this many the memo starts again.
  const TERM_MEMO_SIZE = 20000;

  /** The index terms of `text` in language `lang`, in order, duplicates kept. */
  function analyse(text, lang, options) {
    const key = languageKey(lang);
    return analyseKey(text, key, stopwordsFor(key, options));
  }

  /** Registers the language's analyser as one lunr pipeline function; returns its label. */
  function register(lunr, lang, options) {
    const key = languageKey(lang), name = LABEL_PREFIX + key;
    if (options && Array.isArray(options.stopwords)) {
      registered[key] = prepareStopwords(options.stopwords);
    }
    const existing = lunr.Pipeline.registeredFunctions[name];
    if (!existing || existing.kbAnalyser !== key) {
      const fn = function (token) {
        return analyseKey(token.toString(), key, stopwordsFor(key)).map((term) => token.clone(() => term));
      };
      fn.kbAnalyser = key;
      lunr.Pipeline.registerFunction(fn, name);
    }
    return name;
  }

  // The metadata of every posting: none is stored, and lunr only ever reads (and copies) it,
  // so one frozen object serves them all instead of an object per term, field and entry.
  const NO_METADATA = Object.freeze({});
  // lunr.Query.presence.OPTIONAL: the only presence query() asks for.
  const OPTIONAL = 1;

  /** The weights of an index in the payload's form (search.py `build_compact`), computed one
   * term at a time: lunr's BM25, each entry counted once for a term's idf, three decimals, with
   * the operations of search.py `weight` in the same order, so that both languages get the same
   * numbers. A query reads the postings of a few terms; computing every term's when a large
   * index loads was most of the time it took to load. */
  class Weights {
    constructor(data) {
      const count = data.refs.length;
      this.data = data;
      this.count = count;
      this.averages = data.lengths.map((field) => {
        let total = 0;
        for (let i = 0; i < field.length; i++) total += field[i];
        return count ? total / count : 0;
      });
      this.terms = new Array(data.terms.length);
      this.postings = new Array(data.terms.length);
      // Per entry and field (entry * fields + field): lunr's field vector, [term number, weight,
      // ...] of the terms whose posting lunr has read, ascending by number.
      this.slots = new Array(count * data.fields.length);
      this.seen = new Int32Array(count).fill(-1);
    }

    /** Term `number`'s postings, per field: [entry numbers (ascending), their weights]. */
    term(number) {
      const known = this.terms[number];
      if (known) return known;
      const data = this.data, fields = data.fields, row = data.terms[number];
      const seen = this.seen, lists = [];
      let documents = 0, f, values, ref, i, value, n;
      // A field's postings: each entry's distance from the previous one (the first from -1),
      // negated and followed by a count when the term occurs there more than once.
      for (f = 0; f < fields.length; f++) {
        values = row[f + 1];
        const entries = [], counts = [];
        ref = -1;
        for (i = 0; i < values.length; i++) {
          value = values[i];
          if (value > 0) {
            ref += value;
            counts.push(1);
          } else {
            ref -= value;
            counts.push(values[++i]);
          }
          entries.push(ref);
          if (seen[ref] !== number) {
            seen[ref] = number;
            documents++;
          }
        }
        lists.push([Int32Array.from(entries), counts]);
      }
      const count = this.count, k1 = data.bm25[0], b = data.bm25[1];
      const idf = Math.log(1 + (count - documents + 0.5) / (documents + 0.5));
      for (f = 0; f < fields.length; f++) {
        const average = this.averages[f], boost = data.boosts[f], size = data.lengths[f];
        const docs = lists[f][0], times = lists[f][1], weights = new Float64Array(docs.length);
        for (n = 0; n < docs.length; n++) {
          let score = idf * ((k1 + 1) * times[n]) /
            (k1 * (1 - b + b * (size[docs[n]] / average)) + times[n]);
          score *= boost;
          weights[n] = Math.floor(score * 1000 + 0.5) / 1000;
        }
        lists[f][1] = weights;
      }
      this.terms[number] = lists;
      return lists;
    }

    /** Term `number`'s lunr posting, {_index, <field>: {ref: metadata}}; its weights join the
     * entries' field vectors (`vector`) the first time it is asked for. */
    posting(number) {
      const known = this.postings[number];
      if (known) return known;
      const fields = this.data.fields, refs = this.data.refs, lists = this.term(number);
      const posting = { _index: number };
      for (let f = 0; f < fields.length; f++) {
        const docs = {}, entries = lists[f][0], weights = lists[f][1];
        for (let n = 0; n < entries.length; n++) {
          docs[refs[entries[n]]] = NO_METADATA;
          this.add(entries[n] * fields.length + f, number, weights[n]);
        }
        posting[fields[f]] = docs;
      }
      this.postings[number] = posting;
      return posting;
    }

    /** Puts a term's weight into an entry's field vector, keeping it ascending by term. */
    add(slot, number, weight) {
      const elements = this.slots[slot];
      if (!elements) {
        this.slots[slot] = [number, weight];
        return;
      }
      let at = elements.length;
      while (at > 0 && elements[at - 2] > number) at -= 2;
      if (at === elements.length) elements.push(number, weight);
      else elements.splice(at, 0, number, weight);
    }

    /** An entry's field vector elements, [term number, weight, ...], of the postings read. */
    vector(slot) {
      return this.slots[slot] || [];
    }
  }

  /** lunr's serialised index, with every weight computed, of an index in the payload's form;
   * the same as search.py `expand_index` gives, to the last bit. */
  function expandIndex(data) {
    if (!data || data.format !== COMPACT_FORMAT) return data;
    const weights = new Weights(data), fields = data.fields, refs = data.refs;
    const inverted = data.terms.map((row, number) => [row[0], weights.posting(number)]);
    const fieldVectors = [];
    for (let r = 0; r < refs.length; r++) {
      for (let f = 0; f < fields.length; f++) {
        fieldVectors.push([fields[f] + '/' + refs[r], weights.vector(r * fields.length + f)]);
      }
    }
    return {
      version: data.version,
      fields,
      fieldVectors,
      invertedIndex: inverted,
      pipeline: data.pipeline
    };
  }

  // What query() needs of an index that lazyIndex made, by index.
  const LOADED = typeof WeakMap === 'function' ? new WeakMap() : null;

  /** A lunr.Index over an index in the payload's form whose weights are computed as queries
   * read them (`Weights`). lunr reads a term's posting from `invertedIndex[term]` and scores
   * each entry a query matched by the dot product of the query's vector with
   * `fieldVectors["field/ref"]`, which needs the weights of the query's terms alone: the ones
   * whose postings it has just read. So index.query answers every query exactly as
   * lunr.Index.load(expandIndex(data)) does, and only the token set (for typos and prefixes)
   * is made in full when the index loads. query() scores with `Weights` directly (`matches`). */
  function lazyIndex(lunr, data) {
    const weights = new Weights(data), fields = data.fields, terms = data.terms;
    const numbers = new Map(), builder = new lunr.TokenSet.Builder();
    for (let number = 0; number < terms.length; number++) {
      builder.insert(terms[number][0]);
      numbers.set(terms[number][0], number);
    }
    builder.finish();
    const entries = new Map(data.refs.map((ref, n) => [ref, n]));
    const index = new lunr.Index({
      invertedIndex: new Proxy(Object.create(null), {
        get: function (target, term) {
          const n = numbers.get(term);
          return n === undefined ? undefined : weights.posting(n);
        }
      }),
      fieldVectors: new Proxy(Object.create(null), {
        get: function (target, key) {
          if (typeof key !== 'string') return undefined;
          const cut = key.indexOf('/'), f = fields.indexOf(key.slice(0, cut));
          const n = entries.get(key.slice(cut + 1));
          if (cut < 0 || f < 0 || n === undefined) return undefined;
          return new lunr.Vector(weights.vector(n * fields.length + f));
        }
      }),
      tokenSet: builder.root,
      fields,
      pipeline: lunr.Pipeline.load(data.pipeline)
    });
    if (LOADED) {
      const slots = weights.slots.length, count = data.refs.length;
      LOADED.set(index, {
        lunr, weights, numbers, refs: data.refs, terms,
        rank: refRanks(data.refs), expansions: new Map(), expanded: 0,
        touched: new Uint8Array(slots), order: new Int32Array(slots), dots: new Float64Array(slots),
        scores: new Float64Array(count), found: new Uint8Array(count),
        covered: new Uint32Array(count), quantised: new Float64Array(count),
        list: new Int32Array(count)
      });
    }
    return index;
  }

  /** Each entry's place among the refs in the order of `compareRefs` (search.py sorts the
   * refs so, and then it is the entry's number), so that ties compare two integers. */
  function refRanks(refs) {
    const rank = new Int32Array(refs.length);
    let sorted = true, plain = false;
    for (let n = 0; n < refs.length; n++) {
      rank[n] = n;
      // Without surrogates or units above them, JavaScript's own order is the code points'.
      const wasPlain = plain;
      plain = !WIDE_UNITS.test(refs[n]);
      if (n && sorted) {
        sorted = wasPlain && plain ? refs[n - 1] < refs[n] : compareRefs(refs[n - 1], refs[n]) < 0;
      }
    }
    if (!sorted) {
      Array.from(rank).sort((a, b) => compareRefs(refs[a], refs[b]))
        .forEach((n, place) => { rank[n] = place; });
    }
    return rank;
  }

  /** The numbers of the index terms a lunr clause matches, in lunr's order. A plain term is
   * looked up; a typo's or prefix's expansion is kept per index, since the words typed before
   * the last one give the same clauses at every key. */
  function expand(state, index, clause) {
    const fuzzy = 'editDistance' in clause;
    if (!fuzzy && clause.term.indexOf('*') < 0) {
      const number = state.numbers.get(clause.term);
      return number === undefined ? [] : [number];
    }
    const key = (fuzzy ? clause.editDistance : '*') + ' ' + clause.term;
    let numbers = state.expansions.get(key);
    if (numbers) return numbers;
    const lunr = state.lunr;
    numbers = index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()
      .map((term) => state.numbers.get(term));
    // Kept up to EXPANDED_TERMS terms in all (a short prefix expands to hundreds); past that
    // the memo starts again.
    if (state.expanded + numbers.length > EXPANDED_TERMS) {
      state.expansions.clear();
      state.expanded = 0;
    }
    state.expansions.set(key, numbers);
    state.expanded += numbers.length;
    return numbers;
  }
  const EXPANDED_TERMS = 65536;

  /** What lunr's Index.query returns ({ref, score}, unordered) for a query whose clauses are
   * all optional, with the same floating-point operations in the same order, so the same
   * scores to the last bit; null for any other query. lunr makes a few objects per entry and
   * field a term matches, and at thousands of entries that was most of a keystroke's time;
   * this reads the postings' typed arrays. The browser tests hold the two together.
   *
   * lunr's score of an entry: for each field it matched in, in the order the query first
   * matched it there, the dot product of the field's query vector (per term, the sum of the
   * boosts of the clauses that expanded to it) with the entry's field vector, in ascending term
   * order, divided by the query vector's magnitude.
   *
   * Returns {state, count, numberMasks}: the first `count` of `state.list` are the entries
   * found, `state.scores` their scores and `state.covered` the query's words (bits) each
   * matched, from the `words` of the plan's `clauses` (one per lunr clause that `build` adds);
   * `numberMasks` the words each expanded term (by number) stands for. `ranked` reads them and
   * clears them again. */
  function matches(index, build, clauses) {
    const state = LOADED && LOADED.get(index);
    if (!state) return null;
    const lunr = state.lunr, weights = state.weights, fields = index.fields;
    const fieldCount = fields.length, query = new lunr.Query(fields);
    build(query);
    const vectors = fields.map(() => new Map()), masks = new Map();
    const read = new Set(), touched = state.touched, order = state.order;
    let touches = 0;
    for (let c = 0; c < query.clauses.length; c++) {
      const clause = query.clauses[c], mask = wordMask(clauses[c].words);
      if (clause.presence !== OPTIONAL || clause.usePipeline) return null;
      const expanded = expand(state, index, clause);
      const clauseFields = clause.fields.map((field) => fields.indexOf(field));
      for (let e = 0; e < expanded.length; e++) {
        const number = expanded[e], lists = weights.term(number);
        masks.set(number, (masks.get(number) || 0) | mask);
        for (let cf = 0; cf < clauseFields.length; cf++) {
          const f = clauseFields[cf], vector = vectors[f];
          vector.set(number, vector.has(number) ? vector.get(number) + clause.boost : clause.boost);
          if (read.has(number * fieldCount + f)) continue;
          read.add(number * fieldCount + f);
          const docs = lists[f][0];
          for (let i = 0; i < docs.length; i++) {
            const slot = docs[i] * fieldCount + f;
            if (!touched[slot]) {
              touched[slot] = 1;
              order[touches++] = slot;
            }
          }
        }
      }
    }
    const dots = state.dots, covered = state.covered, magnitudes = [];
    vectors.forEach((vector, field) => {
      const numbers = Array.from(vector.keys()).sort((a, b) => a - b);
      let squares = 0;
      numbers.forEach((n) => {
        const boost = vector.get(n), list = weights.term(n)[field], mask = masks.get(n);
        const docs = list[0], values = list[1];
        squares += boost * boost;
        for (let i = 0; i < docs.length; i++) {
          dots[docs[i] * fieldCount + field] += boost * values[i];
          covered[docs[i]] |= mask;
        }
      });
      magnitudes.push(Math.sqrt(squares));
    });
    const scores = state.scores, found = state.found, list = state.list;
    let count = 0;
    for (let o = 0; o < touches; o++) {
      const at = order[o], doc = (at / fieldCount) | 0;
      const similarity = dots[at] / magnitudes[at - doc * fieldCount] || 0;
      touched[at] = 0;
      dots[at] = 0;
      if (found[doc]) {
        scores[doc] += similarity;
      } else {
        found[doc] = 1;
        scores[doc] = similarity;
        list[count++] = doc;
      }
    }
    return { state, count, numberMasks: masks };
  }

  /** The words (bits) each term a query expanded to stands for, by term, of `matches`'
   * answer: what rescoring reads, made only when a query is rescored. */
  function termMasks(answer) {
    const masks = new Map(), terms = answer.state.terms;
    answer.numberMasks.forEach((mask, number) => masks.set(terms[number][0], mask));
    return masks;
  }

  /** The first `keep` entries `matches` found, ranked, as [{ref, score, q}] after the
   * coordination factor (all of them when `keep` is null); clears what it read. Objects are
   * made for the entries kept alone, and a tie compares the entries' places (`refRanks`). */
  function ranked(answer, words, keep) {
    const state = answer.state, list = state.list, count = answer.count, rank = state.rank;
    const scores = state.scores, covered = state.covered, quantised = state.quantised;
    const found = state.found, refs = state.refs;
    const top = keep === null ? list.slice(0, count) : new Int32Array(Math.min(keep, count));
    let size = 0;
    for (let i = 0; i < count; i++) {
      const doc = list[i], score = coordinate(scores[doc], bits(covered[doc]), words);
      const q = quantise(score);
      scores[doc] = score;
      quantised[doc] = q;
      found[doc] = 0;
      covered[doc] = 0;
      if (keep === null) continue;
      if (size === top.length) {
        const last = top[size - 1];
        if (q < quantised[last] || (q === quantised[last] && rank[doc] > rank[last])) continue;
        size--;
      }
      let at = size++;
      while (at > 0) {
        const other = top[at - 1];
        if (q < quantised[other] || (q === quantised[other] && rank[doc] > rank[other])) break;
        top[at] = other;
        at--;
      }
      top[at] = doc;
    }
    if (keep === null) {
      top.sort((a, b) => (quantised[b] - quantised[a]) || (rank[a] - rank[b]));
      size = count;
    }
    const results = new Array(size);
    for (let i = 0; i < size; i++) {
      const doc = top[i];
      results[i] = { ref: refs[doc], score: scores[doc], q: quantised[doc] };
    }
    return results;
  }

  /** The words of a lunr.js Index.query answer (search.py's way: from the terms each entry
   * matched), with what each expanded term stands for; the reference `matches` is tested
   * against. */
  function lunrMatches(index, build, clauses) {
    let query = null;
    const found = index.query((q) => {
      build(q);
      query = q;
    });
    const masks = new Map(), TokenSet = index.tokenSet.constructor;
    query.clauses.forEach((clause, c) => {
      const mask = wordMask(clauses[c].words);
      index.tokenSet.intersect(TokenSet.fromClause(clause)).toArray().forEach((term) => {
        masks.set(term, (masks.get(term) || 0) | mask);
      });
    });
    return {
      masks,
      found: found.map((m) => {
        let mask = 0;
        Object.keys(m.matchData.metadata).forEach((term) => { mask |= masks.get(term) || 0; });
        return { ref: m.ref, score: m.score, words: bits(mask), q: 0 };
      })
    };
  }

  /** The bits of the words a clause stands for (at most MAX_QUERY_TOKENS: 32 bits). */
  function wordMask(words) {
    let mask = 0;
    words.forEach((word) => { mask |= 1 << word; });
    return mask;
  }

  /** How many bits a mask has set. */
  function bits(mask) {
    let count = 0;
    for (let rest = mask >>> 0; rest; rest >>>= 1) count += rest & 1;
    return count;
  }

  /** What a result shows, by ref: {title, summary, location}, read from the payload's list in
   * the order of its index's refs (search.py `documents`). */
  function documents(payload) {
    const made = DOCUMENTS && DOCUMENTS.get(payload);
    if (made) return made;
    const shown = Object.create(null), rows = payload.docs, refs = payload.index.refs;
    const base = payload.base || '';
    for (let i = 0; i < refs.length; i++) {
      const row = rows[i];
      shown[refs[i]] = {
        title: row[0],
        summary: row[1],
        location: row.length > 2 ? row[2] : base + refs[i] + '/'
      };
    }
    if (DOCUMENTS) DOCUMENTS.set(payload, shown);
    return shown;
  }

  // documents() of each payload, made once: load() needs them only when a query is rescored,
  // and search.js asks for them too.
  const DOCUMENTS = typeof WeakMap === 'function' ? new WeakMap() : null;

  /** Registers a payload's analyser (with its stop words) and loads its lunr index. */
  function load(lunr, payload) {
    register(lunr, payload.lang, { stopwords: payload.stopwords });
    const data = payload.index;
    const index = data && data.format === COMPACT_FORMAT ? lazyIndex(lunr, data) : lunr.Index.load(data);
    if (SYNONYMS) SYNONYMS.set(index, Array.isArray(payload.synonyms) ? payload.synonyms : []);
    if (SHOWN && Array.isArray(payload.docs) && data && Array.isArray(data.refs)) {
      SHOWN.set(index, { payload, streams: new Map() });
    }
    return index;
  }

  // What a result of each index load() made shows, and its fields' terms (for adjacency),
  // analysed once (search.py keeps them on the index).
  const SHOWN = typeof WeakMap === 'function' ? new WeakMap() : null;

  // The synonym sets of each index load() made, for query() (search.py keeps them on the index).
  const SYNONYMS = typeof WeakMap === 'function' ? new WeakMap() : null;

  // --- Query -------------------------------------------------------------------------------
  /** Long enough, digit-free and BMP-only (lunr.js counts edits in UTF-16 units). */
  function typoEligible(folded) {
    return cpLength(folded) >= MIN_TYPO_LENGTH && !DIGIT.test(folded) && !ASTRAL.test(folded);
  }

  /** Every string one edit from `word` over CORRECTION_LETTERS (search.py `_one_edit`). */
  function oneEdit(word) {
    const variants = [];
    for (let i = 0; i < word.length; i++) variants.push(word.slice(0, i) + word.slice(i + 1));
    for (let i = 0; i < word.length - 1; i++) {
      if (word[i] !== word[i + 1]) {
        variants.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
      }
    }
    for (let i = 0; i <= word.length; i++) {
      for (let l = 0; l < CORRECTION_LETTERS.length; l++) {
        const letter = CORRECTION_LETTERS[l];
        if (i < word.length && letter !== word[i]) {
          variants.push(word.slice(0, i) + letter + word.slice(i + 1));
        }
        variants.push(word.slice(0, i) + letter + word.slice(i));
      }
    }
    return variants;
  }

  /** The index terms of a folded word's one-edit variants when the index lacks its own term
   * (search.py `corrections`): sorted, at most MAX_CORRECTIONS. */
  /** Letters a-z, typo-eligible, not too long, its term not in the index (search.py). */
  function correctable(folded, term, known) {
    return !!known && folded.length <= MAX_CORRECTION_LENGTH && ASCII_WORD.test(folded)
      && typoEligible(folded) && !known(term);
  }

  function corrections(folded, term, key, stop, known, memo) {
    if (!correctable(folded, term, known)) return [];
    if (memo && memo.has(folded)) return memo.get(folded);
    const found = new Set();
    oneEdit(folded).forEach((variant) => {
      if (stop.has(variant)) return;
      const candidate = stemKey(variant, key);
      if (candidate !== term && known(candidate)) found.add(candidate);
    });
    const result = Array.from(found).sort(compareRefs).slice(0, MAX_CORRECTIONS);
    if (memo) {
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(folded, result);
    }
    return result;
  }

  /** Whether `member`'s terms stand in `terms` one after another. */
  function containsRun(terms, member) {
    if (!member.length) return false;
    for (let i = 0; i + member.length <= terms.length; i++) {
      let same = true;
      for (let j = 0; j < member.length && same; j++) same = terms[i + j] === member[j];
      if (same) return true;
    }
    return false;
  }

  /** The clauses synonym sets add to a query of `terms` (search.py `synonym_clauses`). */
  function synonymClauses(terms, synonyms) {
    const added = [], have = new Set(terms), numbers = wordNumbers(terms);
    (Array.isArray(synonyms) ? synonyms : []).forEach((group) => {
      const found = new Set();
      group.forEach((member) => {
        if (containsRun(terms, member)) member.forEach((term) => found.add(numbers.get(term)));
      });
      if (!found.size) return;
      const words = Array.from(found).sort((a, b) => a - b);
      group.forEach((member) => member.forEach((term) => {
        if (!have.has(term)) {
          have.add(term);
          added.push({ term, boost: SYNONYM_BOOST / member.length, words: words.slice() });
        }
      }));
    });
    return added;
  }

  /** Each distinct term's number, in the order the query first has it (search.py). */
  function wordNumbers(terms) {
    const numbers = new Map();
    terms.forEach((term) => { if (!numbers.has(term)) numbers.set(term, numbers.size); });
    return numbers;
  }

  /** The query's words that are not stop words: [folded, term, is the last token]. */
  function queryWords(text, key, stop) {
    const tokens = tokenise(clip(typeof text === 'string' ? text : '', MAX_QUERY_CHARS))
      .slice(0, MAX_QUERY_TOKENS);
    const words = [];
    tokens.forEach((token, position) => {
      const analysed = analyseToken(token, key, stop);
      const last = position === tokens.length - 1;
      if (analysed[1] !== null) words.push([analysed[0], analysed[1], last]);
    });
    return words;
  }

  /** The lunr clauses for a raw query: {term, boost, words[, editDistance][, wildcard]};
   * words: the numbers of the query's distinct terms the clause stands for.
   * options.known(term): whether the index holds a term (for corrections; none without it);
   * options.synonyms: the payload's synonym sets. */
  function plan(text, lang, options) {
    options = options || {};
    const key = languageKey(lang), stop = stopwordsFor(key, options);
    return clausesOf(queryWords(text, key, stop), key, stop, options);
  }

  /** The clauses of `plan` for the query's `words` (`queryWords`). */
  function clausesOf(words, key, stop, options) {
    const terms = words.map((word) => word[1]);
    const numbers = wordNumbers(terms), clauses = [];
    let corrected = 0;
    words.forEach(([folded, term, last]) => {
      const word = numbers.get(term);
      clauses.push({ term, boost: EXACT_BOOST, words: [word] });
      if (typoEligible(folded)) {
        clauses.push({ term, boost: TYPO_BOOST, words: [word], editDistance: 1 });
      }
      if (corrected < MAX_CORRECTED_WORDS && correctable(folded, term, options.known)) {
        corrected += 1;
        corrections(folded, term, key, stop, options.known, options.memo).forEach((c) => {
          clauses.push({ term: c, boost: CORRECTION_BOOST, words: [word] });
        });
      }
      if (last && cpLength(folded) >= MIN_PREFIX_LENGTH) {
        clauses.push({ term: folded, boost: PREFIX_BOOST, words: [word], wildcard: 'trailing' });
      }
    });
    return clauses.concat(synonymClauses(terms, options.synonyms));
  }

  /** An entry's score times the share of the query's words it matched (search.py). */
  function coordinate(score, covered, words) {
    return score * covered / words;
  }

  /** The query's neighbouring words as pairs of word numbers, each pair once (search.py). */
  function wordPairs(terms) {
    const numbers = wordNumbers(terms), pairs = [], seen = new Set();
    for (let i = 0; i + 1 < terms.length; i++) {
      if (terms[i] === terms[i + 1]) continue;
      const a = numbers.get(terms[i]), b = numbers.get(terms[i + 1]);
      const pair = a < b ? [a, b] : [b, a];
      if (!seen.has(pair[0] * 64 + pair[1])) {
        seen.add(pair[0] * 64 + pair[1]);
        pairs.push(pair);
      }
    }
    return pairs;
  }

  /** `score` times one plus ADJACENCY_BOOST times the share of `pairs` whose words stand side
   * by side, in either order, in one of `streams` (search.py `adjacency`). */
  function adjacency(score, streams, masks, pairs) {
    const beside = new Set();
    streams.forEach((stream) => {
      for (let i = 0; i + 1 < stream.length; i++) {
        const a = masks.get(stream[i]) || 0, b = masks.get(stream[i + 1]) || 0;
        if (!a || !b) continue;
        pairs.forEach((pair, n) => {
          if (joins(a, b, pair) || joins(b, a, pair)) beside.add(n);
        });
      }
    });
    return score * (1 + ADJACENCY_BOOST * beside.size / pairs.length);
  }

  /** Whether a term of word pair[0] (mask `left`) is followed by one of pair[1]. */
  function joins(left, right, pair) {
    return ((left >>> pair[0]) & 1) === 1 && ((right >>> pair[1]) & 1) === 1;
  }

  /** The terms of a result's ADJACENCY_FIELDS, analysed once per index. */
  function streamsOf(shown, ref, key, stop) {
    let streams = shown.streams.get(ref);
    if (!streams) {
      const doc = documents(shown.payload)[ref];
      streams = ADJACENCY_FIELDS.map((field) => analyseKey(doc[field], key, stop));
      shown.streams.set(ref, streams);
    }
    return streams;
  }

  /** Whether result `a` ranks before `b` (< 0): by score at micro-unit precision (`q`), best
   * first, then by ref. */
  function before(a, b) {
    return (b.q - a.q) || compareRefs(a.ref, b.ref);
  }

  /** The first `count` of `results` ({ref, score, q}) in ranked order; all of them when
   * `count` is null. Keeps the best in a short sorted list instead of sorting every match. */
  function best(results, count) {
    if (count === null || results.length <= count) return results.sort(before);
    const top = [];
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (top.length === count) {
        if (before(r, top[count - 1]) >= 0) continue;
        top.pop();
      }
      let at = top.length;
      top.push(r);
      while (at > 0 && before(r, top[at - 1]) < 0) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = r;
    }
    return top;
  }

  /** Whether an index holds a term (without computing its weights), and the corrections
   * already found in it, by folded word: a word typed earlier in the query is corrected once,
   * not again at every key of the words after it. */
  function knownTerms(index) {
    let cached = KNOWN && KNOWN.get(index);
    if (cached) return cached;
    const state = LOADED && LOADED.get(index), inverted = index.invertedIndex;
    const known = state ? (term) => state.numbers.has(term)
      : (term) => Object.prototype.hasOwnProperty.call(inverted, term);
    cached = { known, memo: new Map() };
    if (KNOWN) KNOWN.set(index, cached);
    return cached;
  }
  const KNOWN = typeof WeakMap === 'function' ? new WeakMap() : null;
  // Words whose corrections are kept per index; past this many the memo starts again.
  const MEMO_SIZE = 1024;

  /** Compares refs by code point, as Python compares strings. */
  function compareRefs(a, b) {
    let i = 0, j = 0;
    while (i < a.length && j < b.length) {
      const x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x - y;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
  }

  /** A score at micro-unit precision, computed the same way as in search.py. */
  function quantise(score) {
    return Math.floor(score * 1e6 + 0.5);
  }

  /** Ranked [{ref, score}] for a raw query string; never throws on any input text. */
  function query(index, text, lang, options) {
    options = options || {};
    const synonyms = options.synonyms !== undefined ? options.synonyms
      : (SYNONYMS && SYNONYMS.get(index)) || [];
    const terms = knownTerms(index);
    const key = languageKey(lang), stop = stopwordsFor(key, options);
    const words = queryWords(text, key, stop);
    const clauses = clausesOf(words, key, stop,
      { known: terms.known, memo: terms.memo, synonyms });
    // No clauses must not reach lunr: a query without clauses counts as negated there and
    // would return every document.
    if (!clauses.length) return [];
    const build = function (q) {
      clauses.forEach((c) => {
        const clause = { boost: c.boost, usePipeline: false };
        // lunr.js treats any editDistance key, even 0, as a fuzzy clause: only set it when used.
        if (c.editDistance) clause.editDistance = c.editDistance;
        if (c.wildcard) clause.wildcard = WILDCARD_TRAILING;
        q.term(c.term, clause);
      });
    };
    // options.lunr: lunr.js's own Index.query, the reference that `matches` is tested against.
    const answer = (!options.lunr && matches(index, build, clauses))
      || lunrMatches(index, build, clauses);
    let count = 0;
    clauses.forEach((c) => c.words.forEach((word) => { count = Math.max(count, word + 1); }));
    const limit = options.limit === undefined ? DEFAULT_LIMIT : options.limit;
    // Only the results shown and the ones rescored need their order.
    const keep = Number.isInteger(limit) && limit >= 0 ? Math.max(limit, RESCORE_WINDOW) : null;
    let results;
    if (answer.state) {
      results = ranked(answer, count, keep);
    } else {
      const found = answer.found;
      for (let i = 0; i < found.length; i++) {
        const m = found[i];
        m.score = coordinate(m.score, m.words, count);
        m.q = quantise(m.score);
      }
      results = best(found, keep);
    }
    const pairs = wordPairs(words.map((word) => word[1]));
    const shown = SHOWN && SHOWN.get(index);
    if (pairs.length && shown) {
      const masks = answer.masks || termMasks(answer);
      const rescored = results.slice(0, RESCORE_WINDOW);
      let raised = true;
      rescored.forEach((r) => {
        const streams = streamsOf(shown, r.ref, key, stop);
        const score = adjacency(r.score, streams, masks, pairs), q = quantise(score);
        raised = raised && q >= r.q;
        r.score = score;
        r.q = q;
      });
      // A rescored result only rises, so it stays ahead of every result after the window and
      // only the window needs sorting again.
      results = raised ? rescored.sort(before).concat(results.slice(RESCORE_WINDOW))
        : results.sort(before);
    }
    if (limit !== null) results = results.slice(0, limit);
    return results.map((r) => ({ ref: r.ref, score: r.score }));
  }

  root.KbAnalysis = Object.freeze({
    analyse,
    register,
    load,
    documents,
    expandIndex,
    query,
    plan,
    tokenise,
    normalise,
    fold,
    stem,
    label,
    languageKey,
    folding: function () { return Object.assign({}, FOLDING); },
    latvianAffixes: function () { return LV_AFFIXES.map((row) => row.slice()); }
  });
})(typeof self !== 'undefined' ? self : globalThis);
