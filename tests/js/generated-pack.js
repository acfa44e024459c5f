// A generated pack in the index format src/search/ writes (documents made of a small
// vocabulary at known positions), and a search engine over it, for the Node tests.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SCRIPT = path.join(__dirname, "..", "..", "themes", "default", "static", "search.js");
const VLQ_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const LENGTH_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const STOP = "the";

function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vlq(out, number) {
  for (;;) {
    const low = number & 31;
    number = Math.floor(number / 32);
    if (!number) return out.push(VLQ_DIGITS[low]);
    out.push(VLQ_DIGITS[low | 32]);
  }
}

// src/search/doc_table.rs length_code, and its decoding in search.js.
function lengthCode(words) {
  const v = Math.min(words + 1, 0xffff);
  const exponent = 31 - Math.clz32(v);
  return LENGTH_DIGITS[4 * exponent + (((v << 2) >> exponent) & 3)];
}
function codedLength(code) {
  const c = LENGTH_DIGITS.indexOf(code);
  return (4 + (c & 3)) * Math.pow(2, (c >> 2) - 2) - 1;
}

/*
 * A pack of documents made of a small vocabulary in which many words share prefixes and
 * some share stems ("cab" and "cabs"), with its index files as src/search/ writes them.
 */
function generatePack(seed, docCount) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const bases = [];
  for (const a of "bcdf") for (const b of "aeo") for (const c of "lmnr") bases.push(a + b + c);
  for (let i = 0; i < 12; i++) bases.push(pick(bases) + pick(["a", "e", "ing", "ton"]));
  const stemOf = new Map();
  const unique = [...new Set(bases)].sort();
  unique.forEach((word, i) => {
    stemOf.set(word, i);
    if (i % 3 === 0) stemOf.set(word + "s", i);
  });
  const surfaces = [...stemOf.keys()].sort();
  const text = (n) => Array.from({ length: n }, () => (next() < 0.08 ? STOP : pick(surfaces))).join(" ");
  const kinds = ["bal", "cen", "dor"];
  const docs = [];
  for (let d = 0; d < docCount; d++) {
    const fields = [text(1 + Math.floor(next() * 4)), next() < 0.5 ? text(2) : null, pick(kinds), next() < 0.3 ? text(3) : null];
    const paragraphs = Array.from({ length: Math.floor(next() * 9) }, () => text(3 + Math.floor(next() * 40)));
    const year = 2010 + Math.floor(next() * 10);
    const date = next() < 0.1 ? null : next() < 0.5 ? String(year) : `${year}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
    docs.push({ slug: `doc-${d}`, fields, paragraphs, kind: fields[2], date });
    // Every seventh document repeats the one before, so that equal scores are common.
    if (d % 7 === 6) Object.assign(docs[d], docs[d - 1], { slug: `doc-${d}` });
  }
  // Postings per stem: [doc, slot, positions] in (document, slot) order.
  const postings = unique.map(() => []);
  let paragraphCount = 0;
  let wordCount = 0;
  docs.forEach((doc, d) => {
    const slots = doc.fields.concat(doc.paragraphs);
    slots.forEach((slotText, slot) => {
      if (slotText === null) return;
      const byStem = new Map();
      slotText.split(" ").forEach((word, position) => {
        if (word === STOP) return;
        const stem = stemOf.get(word);
        if (!byStem.has(stem)) byStem.set(stem, []);
        byStem.get(stem).push(position);
      });
      for (const [stem, positions] of byStem) postings[stem].push([d, slot, positions]);
    });
    paragraphCount += doc.paragraphs.length;
    wordCount += doc.paragraphs.reduce((n, p) => n + p.split(" ").length, 0);
  });
  const lists = postings.map((entries) => {
    const out = [];
    let lastDoc = -1;
    let lastSlot = 0;
    for (const [d, slot, positions] of entries) {
      if (d === lastDoc) {
        vlq(out, 0);
        vlq(out, slot - lastSlot);
      } else {
        vlq(out, d - lastDoc);
        vlq(out, slot);
      }
      lastDoc = d;
      lastSlot = slot;
      vlq(out, positions.length);
      positions.forEach((p, i) => vlq(out, p - (i ? positions[i - 1] : 0)));
    }
    return out.join("");
  });
  let previous = 0;
  const index = {
    version: 1,
    docs: docs.map((doc) => [doc.slug, doc.fields[0], doc.kind, doc.fields[1], doc.date, doc.date, doc.paragraphs.map((p) => lengthCode(p.split(" ").length)).join("")]),
    words: surfaces.join(" "),
    stems: surfaces.map((w) => { const delta = stemOf.get(w) - previous; previous = stemOf.get(w); return delta; }),
    postingShards: [0, 7, 20, 31],
    textShards: [0, 10, 25],
    paragraphCount,
    wordCount,
    stopWords: [STOP]
  };
  const files = { "search/index.js": ["index", 0, index] };
  index.postingShards.forEach((first, n) => {
    const end = index.postingShards[n + 1] || lists.length;
    files[`search/postings-${n}.js`] = ["postings", n, { first, stems: lists.slice(first, end) }];
  });
  index.textShards.forEach((first, n) => {
    const end = index.textShards[n + 1] || docs.length;
    files[`search/text-${n}.js`] = ["text", n, { first, docs: docs.slice(first, end).map((doc) => doc.paragraphs) }];
  });
  return { docs, surfaces, stemOf, index, files };
}

// The engine, with loaded: the files it asked for, in order.
function engineFor(pack) {
  const context = vm.createContext({ console });
  context.window = context;
  vm.runInContext(fs.readFileSync(SCRIPT, "utf8"), context);
  const loaded = [];
  const engine = context.casebookSearch.createEngine("", (url, done) => {
    loaded.push(url);
    const file = pack.files[url];
    if (file) context.casebookSearch.register(file[0], file[1], JSON.parse(JSON.stringify(file[2])));
    done();
  });
  return { api: context.casebookSearch, engine, loaded };
}

module.exports = { STOP, generatePack, engineFor, lengthCode, codedLength };
