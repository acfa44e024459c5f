/*
 * Casebook search: results as you type, from file:// or a web server, landing on the
 * paragraph. Plain script, no dependencies, no modules (modules and fetch are refused on
 * file:// pages): the index is a set of scripts under search/ that call
 * window.casebookSearch.register(kind, number, payload), written by src/search/ in Rust.
 *
 * Markup it enhances. On every page ({root} is the page's relative way to the site root,
 * {indexFile} is "" when hosted and "index.html" for a build read from disk; the script also
 * uses "index.html" whenever the page's own URL is file: or ends in .html):
 *
 *   <form class="search-form" role="search" action="{root}search/index.html" method="get"
 *         data-root="{root}" data-index-file="{indexFile}">
 *     <label for="search-q">Search the pack</label>
 *     <input id="search-q" name="q" type="search" autocomplete="off" spellcheck="false">
 *     <button type="submit">Search</button>
 *   </form>
 *   <link rel="stylesheet" href="{root}search.css">
 *   <script src="{root}search.js" defer></script>
 *
 * On search/index.html this form replaces the one above (one search box per page):
 *
 *   <form class="search-form search-page-form" role="search" action="index.html" method="get"
 *         data-root="../" data-index-file="{indexFile}">
 *     <label for="search-q">Search the pack</label>
 *     <input id="search-q" name="q" type="search" autocomplete="off" spellcheck="false">
 *     <button type="submit">Search</button>
 *     <fieldset class="search-filters">
 *       <legend>Filter results</legend>
 *       <fieldset class="search-kinds">
 *         <legend>Kind</legend>
 *         <label><input type="checkbox" name="kind" value="debate"> Debates</label>
 *         <label><input type="checkbox" name="kind" value="letter"> Letters</label>
 *       </fieldset>
 *       <label for="search-from">From</label>
 *       <input id="search-from" name="from" type="text" inputmode="numeric"
 *              placeholder="YYYY-MM-DD" pattern="\d{4}(-\d{2}(-\d{2})?)?">
 *       <label for="search-to">To</label>
 *       <input id="search-to" name="to" type="text" inputmode="numeric"
 *              placeholder="YYYY-MM-DD" pattern="\d{4}(-\d{2}(-\d{2})?)?">
 *     </fieldset>
 *   </form>
 *   <noscript><p>Search needs JavaScript, which is off or unavailable in this browser. Every
 *     document is listed on the <a href="../index.html">home page</a>.</p></noscript>
 *   <div id="search-results" class="search-results"></div>
 *
 * One checkbox per kind in the pack; none ticked means every kind. Dates are YYYY, YYYY-MM
 * or YYYY-MM-DD. The page runs search/index.html?q=…&kind=…&from=…&to=… on load and keeps
 * the URL in step as the reader types.
 *
 * Word rules (WORD, fold) mirror src/search/tokenize.rs exactly: the browser looks typed
 * words up among the surface forms Rust wrote and maps them to Rust's stem ids, so it never
 * stems anything itself.
 */
(function () {
  "use strict";

  var WORD = /[\p{Alphabetic}\p{N}\p{M}]+(?:['\u2019\u02BC][\p{Alphabetic}\p{N}\p{M}]+)*/gu;
  var ASCII = /^[\x00-\x7F]*$/;
  var MARKS = /\p{M}/gu;
  var POSSESSIVE = /['\u2019\u02BC]s$/u;
  var NOT_WORD = /[^\p{Alphabetic}\p{N}]|['\u2019\u02BC]/gu;
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  var VLQ_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var LENGTH_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  /* Slots 0-3 of a document are its title, author, kind and index terms; paragraph i is 4 + i. */
  var PARAGRAPH_SLOT = 4;
  var FIELD_BOOST = [2.5, 1, 0.5, 1.5];
  var K1 = 1.2;
  var B = 0.75;
  var ALL_WORDS_BOOST = 1.5;
  var PREFIX_WEIGHT = 0.7;
  var VARIANT_WEIGHT = 0.8;
  var MAX_PREFIX_STEMS = 40;
  var MIN_PREFIX = 2;
  var MAX_TERMS = 30;
  var SNIPPET_WORDS = 30;
  /* Endings tried when a typed word is nowhere in the pack (see variantStems). */
  var ENDINGS = ["", "s", "es", "ed", "d", "ing", "e", "ly", "ies", "ied", "y"];

  var VLQ = new Uint8Array(128);
  var LENGTHS = [];
  for (var digit = 0; digit < 64; digit++) {
    VLQ[VLQ_DIGITS.charCodeAt(digit)] = digit;
    LENGTHS[LENGTH_DIGITS.charCodeAt(digit)] = (4 + (digit & 3)) * Math.pow(2, (digit >> 2) - 2) - 1;
  }

  /* ---- Words ---- */

  /* Folded words by raw word: snippets fold every word of every paragraph shown. */
  var folded = new Map();

  function fold(raw) {
    var word = folded.get(raw);
    if (word !== undefined) return word;
    if (ASCII.test(raw)) {
      word = raw.toLowerCase().replace(/'s$/, "").replace(/[^a-z0-9]/g, "");
    } else {
      word = raw.toLowerCase().normalize("NFKD").replace(MARKS, "").toLowerCase();
      word = word.replace(POSSESSIVE, "").replace(NOT_WORD, "");
    }
    if (folded.size > 100000) folded.clear();
    folded.set(raw, word);
    return word;
  }

  /* The words of a text with their places in it: [{word, start, end}]. */
  function tokens(text) {
    var out = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var word = fold(match[0]);
      if (word) out.push({ word: word, start: match.index, end: match.index + match[0].length });
    }
    return out;
  }

  /*
   * A query as terms: {words: [{word, offset}], prefix}. A term of several words is a quoted
   * phrase, whose words must sit at their offsets (stop words keep their place and match any
   * word). The last word is a prefix while it is being typed; a single letter is not yet a
   * word, nor is a finished stop word.
   */
  function parseQuery(text, stopWords) {
    var parts = text.split('"');
    var typing = !/[\s"]$/.test(text);
    var terms = [];
    parts.forEach(function (part, i) {
      var found = tokens(part);
      if (i % 2 === 1) {
        var words = [];
        found.forEach(function (t, offset) {
          if (!stopWords.has(t.word)) words.push({ word: t.word, offset: offset });
        });
        if (words.length) terms.push({ words: words, prefix: false });
        return;
      }
      found.forEach(function (t, k) {
        var last = typing && i === parts.length - 1 && k === found.length - 1;
        if (stopWords.has(t.word) || (last && t.word.length < MIN_PREFIX)) return;
        terms.push({ words: [{ word: t.word, offset: 0 }], prefix: last });
      });
    });
    return terms.slice(0, MAX_TERMS);
  }

  /* Scratch space for decodePostings, grown as needed and reused for every list. */
  var entryScratch = { slots: new Int32Array(256), counts: new Int32Array(256), at: new Int32Array(256) };

  /*
   * One stem's postings (format in src/search/postings.rs) as typed arrays, one entry per
   * slot holding the stem: the global slot (docBase[doc] + slot, so numbers stay small), how
   * often the stem occurs there, and where in text its positions start (read by positionsOf,
   * only for phrases). paragraphs counts the entries that are paragraphs, for inverse
   * document frequency. One pass over the characters, skipping positions: the numbers are
   * read inline, as this loop runs before the engine has had time to be compiled.
   */
  function decodePostings(text, docBase) {
    var most = (text.length >> 2) + 1;
    if (entryScratch.slots.length < most) {
      entryScratch = { slots: new Int32Array(most * 2), counts: new Int32Array(most * 2), at: new Int32Array(most * 2) };
    }
    var slots = entryScratch.slots;
    var counts = entryScratch.counts;
    var at = entryScratch.at;
    var entries = 0;
    var paragraphs = 0;
    var doc = -1;
    var slot = 0;
    var i = 0;
    var digit;
    var value;
    var scale;
    while (i < text.length) {
      value = 0;
      scale = 1;
      do {
        digit = VLQ[text.charCodeAt(i++)];
        value += (digit & 31) * scale;
        scale *= 32;
      } while (digit & 32);
      var docDelta = value;
      value = 0;
      scale = 1;
      do {
        digit = VLQ[text.charCodeAt(i++)];
        value += (digit & 31) * scale;
        scale *= 32;
      } while (digit & 32);
      if (docDelta) {
        doc += docDelta;
        slot = value;
      } else {
        slot += value;
      }
      value = 0;
      scale = 1;
      do {
        digit = VLQ[text.charCodeAt(i++)];
        value += (digit & 31) * scale;
        scale *= 32;
      } while (digit & 32);
      if (slot >= PARAGRAPH_SLOT) paragraphs++;
      slots[entries] = docBase[doc] + slot;
      counts[entries] = value;
      at[entries] = i;
      entries++;
      /* Skip the positions: a number ends at each digit without the continuation bit. */
      for (var left = value; left; i++) {
        if (VLQ[text.charCodeAt(i)] < 32) left--;
      }
    }
    return {
      text: text, length: entries, paragraphs: paragraphs,
      slots: slots.slice(0, entries), counts: counts.slice(0, entries), at: at.slice(0, entries)
    };
  }

  /* The positions of entry e of a decoded list, in order, into positions (or a larger array
     if it is too short, which is returned). */
  function positionsOf(list, e, positions) {
    var text = list.text;
    var count = list.counts[e];
    if (positions.length < count) positions = new Int32Array(count * 2);
    var i = list.at[e];
    var position = 0;
    for (var k = 0; k < count; k++) {
      var value = 0;
      var scale = 1;
      var digit;
      do {
        digit = VLQ[text.charCodeAt(i++)];
        value += (digit & 31) * scale;
        scale *= 32;
      } while (digit & 32);
      position += value;
      positions[k] = position;
    }
    return positions;
  }

  function popcount(mask) {
    var n = 0;
    for (; mask; mask &= mask - 1) n++;
    return n;
  }

  /* ---- Loading: every file is a script that calls register(kind, number, payload). ---- */

  var loaded = {};
  var waiting = {};

  function register(kind, number, payload) {
    var key = kind + ":" + number;
    loaded[key] = payload;
    (waiting[key] || []).forEach(function (resolve) { resolve(payload); });
    delete waiting[key];
  }

  /* Runs a script by appending a <script> tag, then calls done(), loaded or not. */
  function scriptLoader(url, done) {
    var script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = script.onerror = function () {
      script.remove();
      done();
    };
    document.head.appendChild(script);
  }

  /* ---- The index ---- */

  function prepareIndex(payload) {
    var words = payload.words ? payload.words.split(" ") : [];
    var stems = new Int32Array(words.length);
    for (var i = 0, stem = 0; i < words.length; i++) {
      stem += payload.stems[i];
      stems[i] = stem;
    }
    var docs = payload.docs.map(function (d, number) {
      return {
        number: number, slug: d[0], title: d[1], kind: d[2], author: d[3], date: d[4], dateLabel: d[5],
        lengths: d[6], url: d[7] || "documents/" + d[0] + "/", ids: d[8] || null
      };
    });
    var docBase = new Int32Array(docs.length + 1);
    var slots = 0;
    docs.forEach(function (doc, d) {
      docBase[d] = slots;
      slots += PARAGRAPH_SLOT + doc.lengths.length;
    });
    docBase[docs.length] = slots;
    var slotDoc = new Int32Array(slots);
    /* Which metadata field each slot is (its FIELD_BOOST index), or -1 for a paragraph. */
    var slotField = new Int8Array(slots).fill(-1);
    /* BM25's length normalisation of each paragraph slot, worked out once. */
    var slotNorm = new Float64Array(slots);
    var averageLength = payload.wordCount / Math.max(1, payload.paragraphCount) || 1;
    docs.forEach(function (doc, d) {
      slotDoc.fill(d, docBase[d], docBase[d + 1]);
      for (var f = 0; f < PARAGRAPH_SLOT; f++) slotField[docBase[d] + f] = f;
      for (var p = 0; p < doc.lengths.length; p++) {
        slotNorm[docBase[d] + PARAGRAPH_SLOT + p] = 1 - B + (B * LENGTHS[doc.lengths.charCodeAt(p)]) / averageLength;
      }
    });
    return {
      docs: docs, words: words, stems: stems, docBase: docBase, slotDoc: slotDoc, slotField: slotField, slotNorm: slotNorm,
      postingShards: payload.postingShards, textShards: payload.textShards,
      paragraphCount: Math.max(1, payload.paragraphCount),
      stopWords: new Set(payload.stopWords),
      /* Per-query working space, zero between queries: a term's frequency per slot while
         its stems are merged, each paragraph's score and which terms it has, the same for
         each document's fields, each document's best score, and lists of what was touched. */
      scratch: {
        tf: new Float64Array(slots), score: new Float64Array(slots), mask: new Int32Array(slots),
        docMeta: new Float64Array(docs.length), docMask: new Int32Array(docs.length),
        docBest: new Float64Array(docs.length), found: new Int32Array(slots),
        touchedSlots: new Int32Array(slots), touchedDocs: new Int32Array(docs.length),
        matchedDocs: new Int32Array(docs.length), slotCount: 0, docCount: 0
      }
    };
  }

  function lowerBound(words, word) {
    var low = 0;
    var high = words.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (words[mid] < word) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  function shardOf(starts, item) {
    var low = 0;
    var high = starts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (starts[mid] <= item) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /*
   * A search engine over the index under root. loadScript(url, done) runs a script and
   * then calls done(): scriptLoader in pages, a file reader in tests.
   */
  function createEngine(root, loadScript) {
    var promises = {};
    var index = null;
    var postingsCache = {};
    var stemCache = new Map();
    /* Texts of lead paragraphs by global slot: with its postings, each common word brings the
       paragraph that a search for it alone shows first (src/search/lead.rs), so that result
       can show its snippet before its text shard is in. */
    var leadTexts = new Map();
    var leadsRead = {};

    function load(kind, number) {
      var key = kind + ":" + number;
      if (!promises[key]) {
        var file = "search/" + (kind === "index" ? "index" : kind + "-" + number) + ".js";
        promises[key] = new Promise(function (resolve, reject) {
          if (key in loaded) return resolve(loaded[key]);
          (waiting[key] = waiting[key] || []).push(resolve);
          loadScript(root + file, function () {
            if (key in loaded) return;
            delete promises[key];
            delete waiting[key];
            reject(new Error(file + " could not be loaded"));
          });
        });
      }
      return promises[key];
    }

    function ready() {
      return load("index", 0).then(function (payload) {
        if (!index) index = prepareIndex(payload);
        return index;
      });
    }

    function stemOf(word) {
      if (stemCache.has(word)) return stemCache.get(word);
      var i = lowerBound(index.words, word);
      var stem = index.words[i] === word ? index.stems[i] : -1;
      stemCache.set(word, stem);
      return stem;
    }

    /*
     * Adds the stems of other inflections of a word that is nowhere in the pack ("bombed"
     * when only "bombing" occurs): strip a common ending, put each back on and look the
     * results up. Only forms Rust saw can match, so the stems are still Rust's.
     */
    function variantStems(word, weights) {
      ENDINGS.forEach(function (ending) {
        if (!ending || word.length - ending.length < 3 || word.slice(-ending.length) !== ending) return;
        var base = word.slice(0, -ending.length);
        ENDINGS.forEach(function (other) {
          var stem = stemOf(base + other);
          if (stem >= 0 && !weights.has(stem)) weights.set(stem, VARIANT_WEIGHT);
        });
      });
    }

    /* Stem id → weight for one query word: its stem, and its completions if a prefix. */
    function stemsFor(word, prefix) {
      var weights = new Map();
      var exact = stemOf(word);
      if (exact >= 0) weights.set(exact, 1);
      else variantStems(word, weights);
      if (!prefix) return weights;
      var words = index.words;
      for (var i = lowerBound(words, word); i < words.length && weights.size < MAX_PREFIX_STEMS; i++) {
        if (words[i].lastIndexOf(word, 0) !== 0) break;
        if (!weights.has(index.stems[i])) weights.set(index.stems[i], PREFIX_WEIGHT);
      }
      return weights;
    }

    function postings(stem) {
      if (!postingsCache[stem]) {
        var number = shardOf(index.postingShards, stem);
        var shard = loaded["postings:" + number];
        postingsCache[stem] = decodePostings(shard.stems[stem - shard.first], index.docBase);
        if (!leadsRead[number]) {
          leadsRead[number] = true;
          (shard.leads || []).forEach(function (lead) {
            leadTexts.set(index.docBase[lead[1]] + PARAGRAPH_SLOT + lead[2], lead[3]);
          });
        }
      }
      return postingsCache[stem];
    }

    function loadShards(kind, starts, items) {
      var shards = new Set();
      items.forEach(function (item) { shards.add(shardOf(starts, item)); });
      return Promise.all(Array.from(shards, function (n) { return load(kind, n); }));
    }

    /* For each document, whether the filters let it through; null when nothing is filtered. */
    function docFilter(filters) {
      var kinds = filters && filters.kinds && filters.kinds.length ? filters.kinds : null;
      var from = filters && DATE.test(filters.from || "") ? (filters.from + "-00-00").slice(0, 10) : null;
      var to = filters && DATE.test(filters.to || "") ? (filters.to + "-99-99").slice(0, 10) : null;
      if (!kinds && !from && !to) return null;
      return index.docs.map(function (doc) {
        if (kinds && kinds.indexOf(doc.kind) < 0) return false;
        if (!from && !to) return true;
        if (!doc.date) return false;
        if (from && (doc.date + "-99-99").slice(0, 10) < from) return false;
        return !(to && (doc.date + "-00-00").slice(0, 10) > to);
      });
    }

    /*
     * A term's matches: the slots holding it, its frequency in each (weighted by how well
     * each stem matches), how many of the slots are paragraphs, for inverse document
     * frequency, and whether the slots are in order (see rankOne).
     */
    function termMatches(slots, tfs, paragraphs, sorted) {
      return { slots: slots, tfs: tfs, paragraphs: paragraphs, sorted: sorted };
    }

    /* The slots holding a word (any of its stems, weighted) and its frequency in each. */
    function wordSlots(weights, allowed) {
      var lists = [];
      var factors = [];
      weights.forEach(function (weight, stem) {
        lists.push(postings(stem));
        factors.push(weight);
      });
      if (lists.length === 1 && !allowed) {
        var only = lists[0];
        var scaled = new Float64Array(only.length);
        for (var e = 0; e < only.length; e++) scaled[e] = factors[0] * only.counts[e];
        return termMatches(only.slots, scaled, only.paragraphs, true);
      }
      var x = index.scratch;
      var tf = x.tf;
      var found = x.found;
      var slotDoc = index.slotDoc;
      var n = 0;
      for (var l = 0; l < lists.length; l++) {
        var list = lists[l];
        var weight = factors[l];
        for (e = 0; e < list.length; e++) {
          var s = list.slots[e];
          if (allowed && !allowed[slotDoc[s]]) continue;
          if (tf[s] === 0) found[n++] = s;
          tf[s] += weight * list.counts[e];
        }
      }
      var slots = found.slice(0, n);
      var tfs = new Float64Array(n);
      var paragraphs = 0;
      for (var i = 0; i < n; i++) {
        tfs[i] = tf[slots[i]];
        tf[slots[i]] = 0;
        if (index.slotField[slots[i]] < 0) paragraphs++;
      }
      return termMatches(slots, tfs, paragraphs, lists.length === 1);
    }

    /* The slots where a phrase's words sit at their offsets, merging the sorted lists. */
    function phraseSlots(words, allowed) {
      var lists = [];
      for (var w = 0; w < words.length; w++) {
        var stem = stemOf(words[w].word);
        if (stem < 0) return termMatches(new Int32Array(0), new Float64Array(0), 0, true);
        lists.push(postings(stem));
      }
      var first = lists[0];
      var at = new Int32Array(lists.length);
      var positions = lists.map(function () { return new Int32Array(16); });
      var slots = [];
      var tfs = [];
      var paragraphs = 0;
      for (var e = 0; e < first.length; e++) {
        var s = first.slots[e];
        if (allowed && !allowed[index.slotDoc[s]]) continue;
        var everywhere = true;
        for (var i = 1; i < lists.length && everywhere; i++) {
          var list = lists[i];
          while (at[i] < list.length && list.slots[at[i]] < s) at[i]++;
          everywhere = at[i] < list.length && list.slots[at[i]] === s;
        }
        if (!everywhere) continue;
        for (i = 0; i < lists.length; i++) positions[i] = positionsOf(lists[i], i ? at[i] : e, positions[i]);
        var count = 0;
        for (var p = 0; p < first.counts[e]; p++) {
          var start = positions[0][p] - words[0].offset;
          var all = true;
          for (i = 1; i < lists.length && all; i++) all = hasPosition(positions[i], lists[i].counts[at[i]], start + words[i].offset);
          if (all) count++;
        }
        if (count) {
          slots.push(s);
          tfs.push(count);
          if (index.slotField[s] < 0) paragraphs++;
        }
      }
      return termMatches(Int32Array.from(slots), Float64Array.from(tfs), paragraphs, true);
    }

    function hasPosition(positions, count, position) {
      for (var q = 0; q < count; q++) {
        if (positions[q] === position) return true;
      }
      return false;
    }

    /*
     * Scores every slot the terms touch: BM25 per paragraph, and for the title, author,
     * kind and index terms a boosted score that counts for every paragraph of the document.
     * Fills the scratch arrays, listing the paragraphs and documents touched to clear later.
     */
    function accumulate(termSlots) {
      var x = index.scratch;
      x.slotCount = 0;
      x.docCount = 0;
      for (var t = 0; t < termSlots.length; t++) accumulateTerm(termSlots[t], 1 << t);
    }

    function accumulateTerm(term, bit) {
      var x = index.scratch;
      var slotDoc = index.slotDoc;
      var slotField = index.slotField;
      var slotNorm = index.slotNorm;
      var score = x.score;
      var mask = x.mask;
      var docMeta = x.docMeta;
      var docMask = x.docMask;
      var touchedSlots = x.touchedSlots;
      var touchedDocs = x.touchedDocs;
      var slotCount = x.slotCount;
      var docCount = x.docCount;
      var df = term.paragraphs;
      var idf = Math.log(1 + (index.paragraphCount - df + 0.5) / (df + 0.5));
      var slots = term.slots;
      var tfs = term.tfs;
      for (var i = 0; i < slots.length; i++) {
        var s = slots[i];
        var tf = tfs[i];
        var field = slotField[s];
        if (field >= 0) {
          var doc = slotDoc[s];
          if (!docMask[doc]) touchedDocs[docCount++] = doc;
          docMeta[doc] += (FIELD_BOOST[field] * idf * tf * (K1 + 1)) / (tf + K1);
          docMask[doc] |= bit;
        } else {
          if (!mask[s]) touchedSlots[slotCount++] = s;
          score[s] += (idf * tf * (K1 + 1)) / (tf + K1 * slotNorm[s]);
          mask[s] |= bit;
        }
      }
      x.slotCount = slotCount;
      x.docCount = docCount;
    }

    /*
     * A paragraph's score from the scratch arrays, 0 if it does not qualify: with requireAll,
     * every term must be in the paragraph or its document's fields; otherwise any will do,
     * scaled by how many. n terms, all = the mask of all of them.
     */
    function paragraphScore(s, doc, n, all, requireAll) {
      var x = index.scratch;
      var mask = x.mask[s];
      var covered = mask | x.docMask[doc];
      if (requireAll ? covered !== all : !covered) return 0;
      var score = x.score[s] * (mask === all && n > 1 ? ALL_WORDS_BOOST : 1) + x.docMeta[doc];
      return requireAll ? score : (score * popcount(covered)) / n;
    }

    /* The best `limit` of docs[0..count) by their scores in best, highest first, ties to
       the earlier document: the order a full sort would give, without sorting them all. */
    function topDocs(docs, count, best, limit) {
      var top = [];
      for (var i = 0; i < count; i++) {
        var doc = docs[i];
        var score = best[doc];
        if (top.length === limit) {
          var last = top[limit - 1];
          if (score < best[last] || (score === best[last] && doc > last)) continue;
          top.pop();
        }
        var j = top.length;
        top.push(doc);
        while (j > 0 && (best[top[j - 1]] < score || (best[top[j - 1]] === score && top[j - 1] > doc))) {
          top[j] = top[j - 1];
          j--;
        }
        top[j] = doc;
      }
      return top;
    }

    /*
     * Ranks the documents and their paragraphs. With requireAll, every term must be in the
     * paragraph or in its document's fields; otherwise any will do, scaled by how many.
     */
    function rank(termSlots, requireAll, perDoc, maxDocs) {
      if (termSlots.length === 1 && termSlots[0].sorted) return rankOne(termSlots[0], perDoc, maxDocs);
      var x = index.scratch;
      var slotDoc = index.slotDoc;
      var score = x.score;
      var mask = x.mask;
      var docMeta = x.docMeta;
      var docMask = x.docMask;
      var docBest = x.docBest;
      var touchedSlots = x.touchedSlots;
      var matchedDocs = x.matchedDocs;
      var n = termSlots.length;
      var all = (1 << n) - 1;
      accumulate(termSlots);
      var matched = 0;
      var total = 0;
      /* paragraphScore, inlined: this loop runs once per paragraph found. */
      for (var i = 0; i < x.slotCount; i++) {
        var s = touchedSlots[i];
        var doc = slotDoc[s];
        var covered = mask[s] | docMask[doc];
        if (requireAll ? covered !== all : !covered) continue;
        var value = score[s] * (mask[s] === all && n > 1 ? ALL_WORDS_BOOST : 1) + docMeta[doc];
        if (!requireAll) value = (value * popcount(covered)) / n;
        if (!value) continue;
        total++;
        if (!docBest[doc]) matchedDocs[matched++] = doc;
        if (value > docBest[doc]) docBest[doc] = value;
      }
      for (i = 0; i < x.docCount; i++) {
        doc = x.touchedDocs[i];
        covered = docMask[doc];
        if (docBest[doc] || (requireAll ? covered !== all : !covered)) continue;
        total++;
        matchedDocs[matched++] = doc;
        docBest[doc] = requireAll ? docMeta[doc] : (docMeta[doc] * popcount(covered)) / n;
      }
      var results = topDocs(matchedDocs, matched, docBest, maxDocs).map(function (number) {
        return {
          doc: index.docs[number], score: docBest[number],
          paragraphs: bestParagraphs(number, n, all, requireAll, perDoc)
        };
      });
      for (i = 0; i < x.slotCount; i++) {
        score[touchedSlots[i]] = 0;
        mask[touchedSlots[i]] = 0;
      }
      for (i = 0; i < x.docCount; i++) {
        docMeta[x.touchedDocs[i]] = 0;
        docMask[x.touchedDocs[i]] = 0;
      }
      for (i = 0; i < matched; i++) docBest[matchedDocs[i]] = 0;
      return { docs: results, total: total, documents: matched };
    }

    /*
     * rank for a query of one term whose slots are in order, so that each document's fields
     * come before its paragraphs: one pass that scores each paragraph as it is read, keeping
     * only each document's best. Gives what rank gives, in a fraction of the time, for the
     * commonest query, a word being typed (the Node tests check it against the rules).
     */
    function rankOne(term, perDoc, maxDocs) {
      var x = index.scratch;
      var slotDoc = index.slotDoc;
      var slotField = index.slotField;
      var slotNorm = index.slotNorm;
      var docMeta = x.docMeta;
      var docBest = x.docBest;
      var matchedDocs = x.matchedDocs;
      var df = term.paragraphs;
      var idf = Math.log(1 + (index.paragraphCount - df + 0.5) / (df + 0.5));
      var slots = term.slots;
      var tfs = term.tfs;
      var matched = 0;
      var total = 0;
      var doc = -1;
      var meta = 0;
      var best = 0;
      for (var i = 0; i <= slots.length; i++) {
        var s = i < slots.length ? slots[i] : -1;
        var next = s < 0 ? -1 : slotDoc[s];
        if (next !== doc) {
          if (best || meta) {
            if (!best) total++;
            docMeta[doc] = meta;
            docBest[doc] = best || meta;
            matchedDocs[matched++] = doc;
          }
          doc = next;
          meta = 0;
          best = 0;
        }
        if (s < 0) break;
        var tf = tfs[i];
        var field = slotField[s];
        if (field >= 0) {
          meta += (FIELD_BOOST[field] * idf * tf * (K1 + 1)) / (tf + K1);
        } else {
          var value = (idf * tf * (K1 + 1)) / (tf + K1 * slotNorm[s]) + meta;
          total++;
          if (value > best) best = value;
        }
      }
      var results = topDocs(matchedDocs, matched, docBest, maxDocs).map(function (number) {
        return { doc: index.docs[number], score: docBest[number], paragraphs: termParagraphs(term, idf, number, perDoc) };
      });
      for (i = 0; i < matched; i++) {
        docMeta[matchedDocs[i]] = 0;
        docBest[matchedDocs[i]] = 0;
      }
      return { docs: results, total: total, documents: matched };
    }

    /* bestParagraphs for rankOne: a document's paragraphs scored from the term's entries. */
    function termParagraphs(term, idf, number, perDoc) {
      var slots = term.slots;
      var low = 0;
      var high = slots.length;
      while (low < high) {
        var mid = (low + high) >> 1;
        if (slots[mid] < index.docBase[number]) low = mid + 1;
        else high = mid;
      }
      var found = [];
      for (var i = low; i < slots.length && slots[i] < index.docBase[number + 1]; i++) {
        if (index.slotField[slots[i]] >= 0) continue;
        var tf = term.tfs[i];
        var score = (idf * tf * (K1 + 1)) / (tf + K1 * index.slotNorm[slots[i]]) + index.scratch.docMeta[number];
        found.push({ index: slots[i] - index.docBase[number] - PARAGRAPH_SLOT, score: score });
      }
      return chooseParagraphs(index.docs[number], found, index.scratch.docBest[number], perDoc);
    }

    /* A document's best paragraphs, or its first when only its fields matched. */
    function bestParagraphs(number, n, all, requireAll, perDoc) {
      var doc = index.docs[number];
      var found = [];
      for (var s = index.docBase[number] + PARAGRAPH_SLOT; s < index.docBase[number + 1]; s++) {
        var score = index.scratch.mask[s] ? paragraphScore(s, number, n, all, requireAll) : 0;
        if (score) found.push({ index: s - index.docBase[number] - PARAGRAPH_SLOT, score: score });
      }
      return chooseParagraphs(doc, found, index.scratch.docBest[number], perDoc);
    }

    /* The best perDoc of found ({index, score}), or the first paragraph at the document's
       score when none matched; with their ids. */
    function chooseParagraphs(doc, found, docScore, perDoc) {
      if (!found.length) found.push({ index: doc.lengths.length ? 0 : -1, score: docScore });
      found.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
      return found.slice(0, perDoc).map(function (f) {
        var id = f.index < 0 ? null : doc.ids ? doc.ids[f.index] : "p" + (f.index + 1);
        return { index: f.index, id: id, score: f.score };
      });
    }

    /* A query's terms, each word's stems and weights (null for a phrase), and all its stems. */
    function planOf(query) {
      var terms = parseQuery(query, index.stopWords);
      var lookups = terms.map(function (term) {
        return term.words.length > 1 ? null : stemsFor(term.words[0].word, term.prefix);
      });
      var stems = new Set();
      terms.forEach(function (term, t) {
        if (lookups[t]) lookups[t].forEach(function (_, stem) { stems.add(stem); });
        else term.words.forEach(function (w) { if (stemOf(w.word) >= 0) stems.add(stemOf(w.word)); });
      });
      return { terms: terms, lookups: lookups, stems: stems };
    }

    /* Starts loading the postings a query needs without searching: run on every keystroke,
       so that they come in while the search box waits for a pause in typing. */
    function prefetch(query) {
      return ready().then(function () {
        return loadShards("postings", index.postingShards, planOf(query).stems);
      });
    }

    /*
     * Results for a query: {docs: [{doc, score, paragraphs: [{index, id, score}]}], total
     * (paragraphs matched), documents, partial, stems (to mark in snippets), terms (how many
     * the query had; none while it holds only stop words or a first letter)}. Every term must
     * match; if no paragraph has them all, partial matches are returned and flagged.
     * Documents rank by their best paragraph and show at most perDoc of them. If wanted is
     * given and says no once the postings have loaded, the query is dropped unranked and the
     * result is null: the reader has typed on.
     */
    function search(query, filters, perDoc, maxDocs, wanted) {
      return ready().then(function () {
        var plan = planOf(query);
        var terms = plan.terms;
        var lookups = plan.lookups;
        var stems = plan.stems;
        return loadShards("postings", index.postingShards, stems).then(function () {
          if (wanted && !wanted()) return null;
          var allowed = docFilter(filters);
          var termSlots = terms.map(function (term, t) {
            return lookups[t] ? wordSlots(lookups[t], allowed) : phraseSlots(term.words, allowed);
          });
          var limit = maxDocs || 50;
          var result = terms.length ? rank(termSlots, true, perDoc || 3, limit) : { docs: [], total: 0, documents: 0 };
          result.partial = false;
          if (!result.total && terms.length > 1) {
            result = rank(termSlots, false, perDoc || 3, limit);
            result.partial = result.total > 0;
          }
          result.stems = stems;
          result.terms = terms.length;
          return result;
        });
      });
    }

    /*
     * Loads the text shards of these documents, for snippets, calling arrived (if given) as
     * each shard comes in. The first document's shard is asked for alone and the others once
     * it is in: loaded side by side, six shards held up the first (see BENCHMARKS.md).
     */
    function loadTexts(docs, arrived) {
      var shards = [];
      docs.forEach(function (doc) {
        var shard = shardOf(index.textShards, doc.number);
        if (shards.indexOf(shard) < 0) shards.push(shard);
      });
      var loadOne = function (n) { return arrived ? load("text", n).then(arrived) : load("text", n); };
      if (!shards.length) return Promise.resolve([]);
      var first = loadOne(shards[0]);
      /* The rest are loaded whether or not the first could be; a failure still rejects. */
      var rest = function () { return Promise.all([first].concat(shards.slice(1).map(loadOne))); };
      return first.then(rest, rest);
    }

    /* A paragraph's text, from its text shard or a lead paragraph; null while neither has it. */
    function paragraphText(doc, paragraph) {
      var shard = loaded["text:" + shardOf(index.textShards, doc.number)];
      if (shard) return shard.docs[doc.number - shard.first][paragraph] || "";
      var lead = leadTexts.get(index.docBase[doc.number] + PARAGRAPH_SLOT + paragraph);
      return lead === undefined ? null : lead;
    }

    /* A stretch of a paragraph centred on its densest matches: [{text, mark}]. */
    function snippet(text, stems) {
      var found = tokens(text);
      var hits = found.map(function (t) { return stems.has(stemOf(t.word)); });
      var best = 0;
      var bestCount = -1;
      for (var i = 0, count = 0; i < found.length; i++) {
        if (hits[i]) count++;
        if (i >= SNIPPET_WORDS && hits[i - SNIPPET_WORDS]) count--;
        if (count > bestCount) {
          bestCount = count;
          best = Math.max(0, i - SNIPPET_WORDS + 1);
        }
      }
      var firstHit = hits.indexOf(true, best);
      var lastHit = Math.min(best + SNIPPET_WORDS, found.length) - 1;
      while (lastHit > firstHit && !hits[lastHit]) lastHit--;
      var slack = firstHit < 0 ? 0 : SNIPPET_WORDS - (lastHit - firstHit + 1);
      var centred = firstHit < 0 ? 0 : firstHit - Math.floor(slack / 2);
      var first = Math.max(0, Math.min(centred, found.length - SNIPPET_WORDS));
      var last = Math.min(found.length, first + SNIPPET_WORDS) - 1;
      if (last < 0) return text ? [{ text: text, mark: false }] : [];
      var start = first === 0 ? 0 : found[first].start;
      var end = last === found.length - 1 ? text.length : found[last].end;
      var parts = start > 0 ? [{ text: "… ", mark: false }] : [];
      var at = start;
      for (var w = first; w <= last; w++) {
        if (!hits[w]) continue;
        if (found[w].start > at) parts.push({ text: text.slice(at, found[w].start), mark: false });
        parts.push({ text: text.slice(found[w].start, found[w].end), mark: true });
        at = found[w].end;
      }
      if (end > at) parts.push({ text: text.slice(at, end), mark: false });
      if (end < text.length) parts.push({ text: " …", mark: false });
      return parts;
    }

    return {
      ready: ready, prefetch: prefetch, search: search, loadTexts: loadTexts, paragraphText: paragraphText,
      snippet: snippet
    };
  }

  /* Where a result links: the document page, at the paragraph. */
  function resultHref(root, indexFile, doc, paragraph) {
    return root + doc.url + indexFile + (paragraph.id ? "#" + paragraph.id : "");
  }

  (typeof window !== "undefined" ? window : globalThis).casebookSearch = {
    register: register,
    createEngine: createEngine,
    fold: fold,
    tokens: tokens,
    parseQuery: parseQuery,
    resultHref: resultHref
  };

  if (typeof document === "undefined") return;

  /* ---- The page ---- */

  var scriptRoot = (function () {
    var src = document.currentScript && document.currentScript.src;
    return src ? src.slice(0, src.lastIndexOf("/") + 1) : "";
  })();
  var engines = {};
  var boxes = 0;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* The state of one search box and the widgets added around it. */
  function createBox(form, input) {
    var root = form.hasAttribute("data-root") ? form.getAttribute("data-root") : scriptRoot;
    var fromDisk = location.protocol === "file:" || /\.html?$/.test(location.pathname);
    var container = document.getElementById("search-results");
    var onPage = form.classList.contains("search-page-form") && !!container;
    if (!engines[root]) engines[root] = createEngine(root, scriptLoader);
    var box = {
      form: form, input: input, root: root, onPage: onPage, engine: engines[root],
      indexFile: fromDisk ? "index.html" : form.getAttribute("data-index-file") || "",
      anchorPrefix: form.getAttribute("data-anchor-prefix"),
      perDoc: onPage ? 3 : 2, maxDocs: onPage ? 50 : 6,
      listbox: element("div", "search-listbox"), summary: element("p", "search-summary"),
      status: element("div", "search-visually-hidden"), popup: null, seeAll: null,
      options: [], sources: [], active: -1, sequence: 0, timer: 0, result: null
    };
    box.listbox.id = "search-listbox-" + boxes++;
    box.listbox.setAttribute("role", "listbox");
    box.listbox.setAttribute("aria-label", "Search results");
    box.status.setAttribute("aria-live", "polite");
    if (onPage) {
      container.append(box.summary, box.listbox);
    } else {
      box.popup = element("div", "search-popup");
      box.popup.hidden = true;
      box.seeAll = element("a", "search-all", "All results on the search page");
      box.popup.append(box.summary, box.listbox, box.seeAll);
      form.appendChild(box.popup);
    }
    form.appendChild(box.status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", box.listbox.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    return box;
  }

  function setExpanded(box, open) {
    if (box.popup) box.popup.hidden = !open;
    box.input.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function setActive(box, i) {
    if (box.options[box.active]) box.options[box.active].setAttribute("aria-selected", "false");
    box.active = i;
    if (i < 0) return box.input.removeAttribute("aria-activedescendant");
    box.options[i].setAttribute("aria-selected", "true");
    box.input.setAttribute("aria-activedescendant", box.options[i].id);
    box.options[i].scrollIntoView({ block: "nearest" });
  }

  function filtersOf(box) {
    if (!box.onPage) return null;
    var value = function (name) {
      var field = box.form.querySelector("input[name=" + name + "]");
      return field ? field.value.trim() : "";
    };
    var kinds = box.form.querySelectorAll("input[name=kind]:checked");
    return { kinds: Array.from(kinds, function (k) { return k.value; }), from: value("from"), to: value("to") };
  }

  function updateUrl(box) {
    if (!box.onPage) return;
    var filters = filtersOf(box);
    var params = new URLSearchParams();
    if (box.input.value) params.set("q", box.input.value);
    filters.kinds.forEach(function (kind) { params.append("kind", kind); });
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function announce(box, message) {
    box.summary.textContent = message;
    box.status.textContent = message;
  }

  function run(box) {
    var query = box.input.value;
    var mine = ++box.sequence;
    updateUrl(box);
    if (!query.trim()) return clear(box);
    var current = function () { return mine === box.sequence; };
    box.engine
      .search(query, filtersOf(box), box.perDoc, box.maxDocs, current)
      .then(function (result) {
        if (!current()) return;
        if (!result.terms) return clear(box);
        /* The text shards are asked for before the results are drawn, to arrive sooner. */
        var texts = box.engine.loadTexts(result.docs.map(function (r) { return r.doc; }), function () {
          if (current()) fillSnippets(box);
        });
        render(box, result, query);
        return texts;
      })
      .catch(function (error) {
        if (mine === box.sequence) announce(box, "Search is unavailable: " + error.message);
      });
  }

  function clear(box) {
    box.options = [];
    box.sources = [];
    setActive(box, -1);
    box.listbox.replaceChildren();
    announce(box, "");
    setExpanded(box, false);
  }

  /* Shows results at once; snippets follow as their text shards arrive (fillSnippets). */
  function render(box, result, query) {
    box.result = result;
    setActive(box, -1);
    box.options = [];
    box.sources = [];
    var groups = result.docs.map(function (found, g) {
      var group = element("div", "search-group");
      var heading = element("div", "search-doc");
      heading.id = box.listbox.id + "-g" + g;
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", heading.id);
      heading.appendChild(element("span", "search-title", found.doc.title));
      var meta = [found.doc.kind, found.doc.dateLabel].filter(Boolean).join(" · ");
      if (meta) heading.appendChild(element("span", "search-meta", meta));
      group.appendChild(heading);
      found.paragraphs.forEach(function (paragraph) {
        var option = element("a", "search-option");
        option.id = box.listbox.id + "-o" + box.options.length;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.tabIndex = -1;
        option.href = box.anchorPrefix === null
          ? resultHref(box.root, box.indexFile, found.doc, paragraph)
          : "#" + box.anchorPrefix + found.doc.slug + (paragraph.id ? "-" + paragraph.id : "");
        if (paragraph.id) option.appendChild(element("span", "search-para", "¶ " + paragraph.id.replace(/^p/, "")));
        option.appendChild(element("span", "search-snippet"));
        group.appendChild(option);
        box.options.push(option);
        box.sources.push({ doc: found.doc, index: paragraph.index });
      });
      return group;
    });
    box.listbox.replaceChildren.apply(box.listbox, groups);
    fillSnippets(box);
    announce(box, summarise(result));
    if (box.seeAll) {
      box.seeAll.href = box.form.getAttribute("action") + "?q=" + encodeURIComponent(query);
      box.seeAll.hidden = box.anchorPrefix !== null || result.documents <= result.docs.length;
    }
    setExpanded(box, box.onPage || document.activeElement === box.input);
  }

  function summarise(result) {
    if (!result.total) return "No results";
    var message = (result.total === 1 ? "1 result" : result.total + " results") + " in " +
      (result.documents === 1 ? "1 document" : result.documents + " documents");
    return result.partial ? message + " (no paragraph has every word; showing partial matches)" : message;
  }

  /* Builds each snippet whose text is loaded, once: matched words in <mark>, text as text. */
  function fillSnippets(box) {
    box.options.forEach(function (option, i) {
      var holder = option.lastChild;
      var source = box.sources[i];
      if (holder.childNodes.length || source.index < 0) return;
      var text = box.engine.paragraphText(source.doc, source.index);
      if (text === null) return;
      box.engine.snippet(text, box.result.stems).forEach(function (part) {
        holder.appendChild(part.mark ? element("mark", "", part.text) : document.createTextNode(part.text));
      });
    });
  }

  function onKeydown(box, event) {
    var options = box.options;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      setExpanded(box, true);
      var next = box.active + (event.key === "ArrowDown" ? 1 : -1);
      setActive(box, next >= options.length ? -1 : next < -1 ? options.length - 1 : next);
    } else if (event.key === "Enter") {
      if (box.active >= 0) {
        event.preventDefault();
        location.href = options[box.active].href;
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (box.active >= 0 || (box.popup && !box.popup.hidden)) {
        setActive(box, -1);
        if (box.popup) setExpanded(box, false);
      } else if (box.input.value) {
        box.input.value = "";
        run(box);
      }
    }
  }

  /* Waits for a pause in typing before searching, but only briefly: a query takes tens of
     milliseconds, so a short wait still saves the queries a fast typist makes redundant
     without holding back the first result (see BENCHMARKS.md). */
  var TYPING_PAUSE_MS = 15;

  /* Each change also makes any search still under way stale, so its results are never drawn
     under a query they do not answer and it stops before ranking. */
  function schedule(box) {
    box.sequence++;
    clearTimeout(box.timer);
    box.timer = setTimeout(function () { run(box); }, TYPING_PAUSE_MS);
  }

  /* The search page starts from its URL: ?q=…&kind=…&from=…&to=…. */
  function restoreFromUrl(box) {
    var params = new URLSearchParams(location.search);
    var kinds = params.getAll("kind");
    box.form.querySelectorAll("input[name=kind]").forEach(function (k) { k.checked = kinds.indexOf(k.value) >= 0; });
    ["from", "to"].forEach(function (name) {
      var field = box.form.querySelector("input[name=" + name + "]");
      if (field && params.get(name)) field.value = params.get(name);
    });
    if (params.get("q")) {
      box.input.value = params.get("q");
      run(box);
    }
  }

  function enhance(form) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    var box = createBox(form, input);
    input.addEventListener("focus", function () {
      box.engine.ready().catch(function () {});
      if (box.popup && box.options.length) setExpanded(box, true);
    });
    input.addEventListener("input", function () {
      box.engine.prefetch(input.value).catch(function () {});
      schedule(box);
    });
    input.addEventListener("keydown", function (event) { onKeydown(box, event); });
    form.addEventListener("focusout", function (event) {
      if (box.popup && !form.contains(event.relatedTarget)) {
        setActive(box, -1);
        setExpanded(box, false);
      }
    });
    if (!box.onPage && box.anchorPrefix === null) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(box.timer);
      run(box);
    });
    form.addEventListener("change", function (event) {
      if (event.target !== input) schedule(box);
    });
    restoreFromUrl(box);
  }

  function isEditable(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  /* "/" focuses the search box, unless the reader is typing somewhere. */
  function onSlash(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
    var input = document.querySelector("form.search-form input[name=q]");
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.select();
  }

  function start() {
    document.querySelectorAll("form.search-form").forEach(enhance);
    document.addEventListener("keydown", onSlash);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
