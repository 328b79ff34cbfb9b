// Times the project page's first screen in Chromium: from navigation until the first page of trace rows and
// the project's totals are on screen. ARBOR_URL, PROJECT, CHROMIUM, RUNS; prints one JSON line of timings (ms).
import { chromium } from "playwright-core";

const base = process.env.ARBOR_URL;
const project = process.env.PROJECT;
const runs = Number(process.env.RUNS ?? 10);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const screen = [];
const api = [];
// One tab, as a person has it open: each run navigates away and back, so nothing of the app stays in memory.
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
for (let i = 0; i < runs + 2; i++) {
  await page.goto("about:blank");
  const started = performance.now();
  await page.goto(`${base}/projects/${project}`);
  await page.locator("tbody tr").first().waitFor();
  await page.locator('[aria-label="Project statistics"]').waitFor();
  const elapsed = performance.now() - started;
  // The same data fetched by the page itself, without rendering: the baseline of this run.
  const fetched = await page.evaluate(async (p) => {
    const t = performance.now();
    await Promise.all([
      fetch(`/api/projects/${p}/traces?limit=100`).then((r) => r.json()),
      fetch(`/api/projects/${p}/stats`).then((r) => r.json()),
    ]);
    return performance.now() - t;
  }, project);
  if (i >= 2) { // two warm-ups
    screen.push(elapsed);
    api.push(fetched);
  }
}
await browser.close();
const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
console.log(JSON.stringify({ runs, screen_p50: pct(screen, 0.5), screen_p95: pct(screen, 0.95), api_p50: pct(api, 0.5), api_p95: pct(api, 0.95) }));
