// Time from a keystroke to the first search result, in headless Chromium.
//
//   node bench/search_latency.mjs SITE_DIR QUERY...
//
// Serves SITE_DIR (a `casebook build` output) on 127.0.0.1, and for each query opens a fresh
// page (so the index and its shards load as a reader's first search would), waits until
// search/index.js has loaded (it loads on first focus), then types the query's last character
// and measures, inside the page, the time from that input event to the first result being
// shown. Prints each time and the median. With PRIME=word, that word is searched first on
// the same page, so the timed query runs with the index warm (as while typing on).
// Needs tests/browser's node_modules (npm ci there).
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");

const [site, ...queries] = process.argv.slice(2);
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  let file = path.join(site, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!file.startsWith(site) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const times = [];
for (const query of queries) {
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.focus("#search-q");
  await page.waitForFunction(() => document.querySelector('script[src$="search/index.js"]') === null &&
    performance.getEntriesByType("resource").some((e) => e.name.endsWith("search/index.js")), null, { timeout: 60000 });
  if (process.env.PRIME) {
    await page.fill("#search-q", process.env.PRIME);
    await page.waitForSelector("[role=option]", { timeout: 60000 });
  }
  await page.fill("#search-q", query.slice(0, -1));
  const elapsed = await page.evaluate((query) => new Promise((resolve) => {
    const input = document.querySelector("#search-q");
    const word = query.replace(/"/g, "").split(" ")[0].toLowerCase().slice(0, 4);
    const started = performance.now();
    const observer = new MutationObserver(() => {
      const option = document.querySelector("[role=option]");
      if (option && input.value === query && option.textContent.toLowerCase().includes(word)) {
        observer.disconnect();
        resolve(performance.now() - started);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }), query);
  times.push(elapsed);
  console.log(`${query}: ${elapsed.toFixed(0)} ms`);
  await page.close();
}
times.sort((a, b) => a - b);
console.log(`median: ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${times.length} queries`);
await browser.close();
server.close();
