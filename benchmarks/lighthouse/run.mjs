// Lighthouse on the reference frontend: finds a blog post, an idea and a challenge through the API, runs
// Lighthouse's CLI (desktop preset, performance only, the Chromium in CHROME_PATH) on them and the home
// page, and prints each page's medians beside the targets. Run by benchmarks/lighthouse.sh, which
// starts the servers:
//
//   node run.mjs --api URL --frontend URL --locales "pl en" --runs 3 --reports DIR --json FILE
//
// Every run's full Lighthouse report stays in the reports folder (open one in
// https://googlechrome.github.io/lighthouse/viewer/ or read its "audits" for what to fix).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";

const TARGETS = { score: 90, lcpMs: 2500 };
/** The page types measured besides the home page, as v3's page-cards/ names them. */
const PAGE_TYPES = [
  ["blog post", "blog.BlogPage"],
  ["idea", "ideas.IdeaPage"],
  ["challenge", "ideas.IdeaChallengePage"],
];

const { values: options } = parseArgs({
  options: {
    api: { type: "string" },
    frontend: { type: "string" },
    locales: { type: "string", default: "pl" },
    runs: { type: "string", default: "3" },
    reports: { type: "string" },
    json: { type: "string" },
  },
});
const require = createRequire(import.meta.url);
const lighthouseCli = join(dirname(require.resolve("lighthouse/package.json")), "cli", "index.js");
const lighthouseVersion = JSON.parse(readFileSync(require.resolve("lighthouse/package.json"), "utf8")).version;
const runs = Number(options.runs);
mkdirSync(options.reports, { recursive: true });

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** The frontend address of the first live page of `type` in `locale`. */
async function firstPage(type, locale) {
  const url = `${options.api}/api/v3/page-cards/?type=${type}&locale=${locale}&limit=1`;
  const { items } = await getJson(url);
  if (!items.length) throw new Error(`no ${type} in ${locale}: is the demo seeded?`);
  return items[0].meta.html_url;
}

/** GETs `url` to the end; once more when the server had closed the kept-alive connection meanwhile. */
async function warm(url, attempts = 2) {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  } catch (error) {
    if (attempts <= 1 || error.cause?.code !== "UND_ERR_SOCKET") throw error;
    await warm(url, attempts - 1);
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function lighthouse(url, output) {
  const result = spawnSync(
    process.execPath,
    [
      lighthouseCli,
      url,
      "--preset=desktop",
      "--only-categories=performance",
      "--output=json",
      `--output-path=${output}`,
      // The sandbox refuses root; the new headless mode renders as a desktop browser does.
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      "--quiet",
    ],
    { stdio: ["ignore", "ignore", "inherit"], timeout: 180_000 },
  );
  if (result.status !== 0) throw new Error(`lighthouse failed on ${url} (status ${result.status})`);
  const report = JSON.parse(readFileSync(output, "utf8"));
  if (report.runtimeError) throw new Error(`lighthouse on ${url}: ${report.runtimeError.message}`);
  const audit = (id) => report.audits[id]?.numericValue ?? NaN;
  const lcpElement = report.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node;
  return {
    score: Math.round(report.categories.performance.score * 100),
    lcpMs: audit("largest-contentful-paint"),
    cls: audit("cumulative-layout-shift"),
    tbtMs: audit("total-blocking-time"),
    fcpMs: audit("first-contentful-paint"),
    bytes: audit("total-byte-weight"),
    lcpElement: lcpElement?.snippet ?? null,
    chrome: report.environment?.hostUserAgent ?? "",
  };
}

const pages = [];
for (const locale of options.locales.split(/[\s,]+/).filter(Boolean)) {
  pages.push({ name: "home", locale, url: `${options.frontend}/${locale}/` });
  for (const [name, type] of PAGE_TYPES) pages.push({ name, locale, url: await firstPage(type, locale) });
}

const loadBefore = loadavg()[0];
const measured = [];
for (const page of pages) {
  // Warm the frontend's data cache and the renditions, as a deployed site's visitors find them.
  for (let i = 0; i < 2; i++) await warm(page.url);
  const each = [];
  for (let run = 0; run < runs; run++) {
    const report = join(options.reports, `${page.locale}-${page.name.replace(" ", "-")}-${run + 1}.json`);
    each.push(lighthouse(page.url, report));
  }
  const result = {
    ...page,
    runs: each,
    score: median(each.map((run) => run.score)),
    lcpMs: median(each.map((run) => run.lcpMs)),
    cls: median(each.map((run) => run.cls)),
    tbtMs: median(each.map((run) => run.tbtMs)),
    fcpMs: median(each.map((run) => run.fcpMs)),
    bytes: median(each.map((run) => run.bytes)),
  };
  result.ok = result.score >= TARGETS.score && result.lcpMs < TARGETS.lcpMs;
  measured.push(result);
  process.stderr.write(`bench-frontend: ${page.locale} ${page.name}: score ${result.score}\n`);
}

const chrome = /Chrome\/[\d.]+/.exec(measured[0]?.runs[0]?.chrome ?? "")?.[0] ?? "Chromium";
console.log(
  `Lighthouse ${lighthouseVersion}, desktop preset (simulated throttling), ${chrome.replace("Chrome", "Chromium")}, ` +
    `the frontend's production build (next start) on the demo; median of ${runs} run${runs === 1 ? "" : "s"}; ` +
    `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
);
const rows = [["page", "score", "LCP ms", "CLS", "TBT ms", "FCP ms", "kB", "target", "result"]];
for (const result of measured) {
  rows.push([
    `${result.name} ${new URL(result.url).pathname}`,
    String(result.score),
    result.lcpMs.toFixed(0),
    result.cls.toFixed(3),
    result.tbtMs.toFixed(0),
    result.fcpMs.toFixed(0),
    (result.bytes / 1024).toFixed(0),
    "score >= 90, LCP < 2.5 s",
    result.ok ? "ok" : "MISS",
  ]);
}
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) {
  console.log(
    row.map((cell, column) => (column === 0 || column >= 7 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(" | "),
  );
}
for (const result of measured) {
  if (result.runs[0].lcpElement) console.log(`LCP element, ${result.name} (${result.locale}): ${result.runs[0].lcpElement}`);
}
console.log(`reports: ${options.reports}`);
const missed = measured.filter((result) => !result.ok);
console.log(missed.length ? "FAIL" : "PASS");
if (options.json) {
  mkdirSync(dirname(options.json), { recursive: true });
  writeFileSync(options.json, JSON.stringify({ lighthouse: lighthouseVersion, targets: TARGETS, pages: measured }, null, 2));
}
process.exit(missed.length ? 1 : 0);
