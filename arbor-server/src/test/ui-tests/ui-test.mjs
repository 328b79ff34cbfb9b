// Arbor's web UI in the machine's Chromium: ARBOR_URL names the server (holding ITWebUi's fixture traces),
// CHROMIUM the browser, SCREENSHOTS where the pictures go. Exits non-zero on the first failed check.
import assert from "node:assert/strict";
import { open } from "./session.mjs";

const base = process.env.ARBOR_URL;
const traceId = process.env.TRACE_ID;
// The one error expected: the browser's own log line for the 400 that answers the deliberately bad filter.
const session = await open({
  failedShot: "failed.png",
  expectedError: (m) => m.text().includes("status of 400") && m.location().url.includes("filter=latncy_ms"),
});
const { page, shots, problems, check } = session;

await check("the projects page lists the fixture project with its totals", async () => {
  await page.goto(`${base}/`);
  await page.waitForURL(`${base}/projects`);
  await page.getByLabel("Time range").selectOption({ label: "All time" });
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "ui-fixture" }) });
  // Two traces, one with a failed span; root latencies 800 ms and 10 s (nearest rank: p50 800 ms, p99 10 s).
  // Cost: gpt-4o's 120 prompt and 45 completion tokens at $2.50 and $10 per million; support-bot-v2 has no price.
  await row.getByText("50.0%").waitFor();
  const cells = await row.getByRole("cell").allInnerTexts();
  assert.deepEqual(cells.slice(1, 7), ["2", "50.0%", "800 ms", "10.00 s", "525", "≥ $0.00075"]);
  await page.screenshot({ path: `${shots}/projects.png` });
});

await check("a project is renamed from the projects page", async () => {
  await page.getByLabel("New project name").fill("scratch");
  await page.getByRole("button", { name: "Create" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "scratch", exact: true }) });
  await row.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("New name for scratch").fill("scratch-renamed");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("link", { name: "scratch-renamed", exact: true }).waitFor();
  assert.equal(await page.getByRole("link", { name: "scratch", exact: true }).count(), 0);
});

await check("the project page lists traces with their input and status", async () => {
  await page.getByRole("link", { name: "ui-fixture" }).click();
  await page.getByRole("link", { name: "Process Tickets" }).waitFor();
  await page.getByRole("link", { name: "Answer question" }).waitFor();
  assert.match(await page.locator("tbody").innerText(), /tickets\.csv: T-100, T-404/);
  await page.screenshot({ path: `${shots}/traces.png` });
});

await check("a filter narrows the list, and a bad one says where and what it meant", async () => {
  const input = page.getByLabel("Filter", { exact: true });
  // Inside an expression, the filter bar completes the word at the caret: the language's names, and the attribute
  // keys seen in the project.
  await input.fill("latency_ms > 5 and ");
  await input.pressSequentially("stat");
  const names = page.getByRole("listbox", { name: "Names" });
  assert.deepEqual(await names.getByRole("option").allInnerTexts(), ["status_code", "status_message"]);
  await input.press("Tab");
  assert.equal(await input.inputValue(), "latency_ms > 5 and status_code");
  await input.pressSequentially(" == 'OK' and attributes['an");
  await names.getByRole("option", { name: "attributes['analysis_type']" }).waitFor();
  await page.screenshot({ path: `${shots}/filter-completion.png` });
  await input.press("ArrowDown");
  await input.press("Enter");
  assert.equal(await input.inputValue(), "latency_ms > 5 and status_code == 'OK' and attributes['analysis_type']");
  await input.press("Escape");
  await input.fill("name == 'Answer question'");
  await input.press("Enter");
  await page.waitForURL(/\?filter=name/); // the filter lives in the address: it can be linked and reloaded
  await page.getByRole("link", { name: "Process Tickets" }).waitFor({ state: "detached" });
  await page.getByRole("link", { name: "Answer question" }).waitFor();
  await input.fill("latncy_ms > 1000");
  await input.press("Enter");
  await page.getByRole("alert").filter({ hasText: "did you mean 'latency_ms'" }).waitFor();
  await page.screenshot({ path: `${shots}/filter-error.png` });
  await input.fill("");
  await input.press("Enter");
  await page.getByRole("link", { name: "Process Tickets" }).waitFor();
});

await check("the trace view shows the span tree", async () => {
  await page.getByRole("link", { name: "Process Tickets" }).click();
  await page.waitForURL(new RegExp(`/traces/${traceId}`));
  const tree = page.getByRole("tree");
  for (const name of ["Phase 1: fetch tickets", "Phase 2: synthesize", "Phase 3a: categorize", "Phase 3b: diagnostics", "lookup_kb"]) {
    await tree.getByText(name, { exact: true }).waitFor();
  }
  await page.screenshot({ path: `${shots}/trace.png` });
});

await check("phases 3a and 3b run at the same time in the timeline", async () => {
  const bar = async (name) => {
    const row = page.getByRole("treeitem").filter({ has: page.getByText(name, { exact: true }) });
    const el = row.locator(".wf-bar");
    const left = Number(await el.getAttribute("data-left"));
    return [left, left + Number(await el.getAttribute("data-width"))];
  };
  const [a0, a1] = await bar("Phase 3a: categorize");
  const [b0, b1] = await bar("Phase 3b: diagnostics");
  assert.ok(a0 < b1 && b0 < a1, `3a [${a0}, ${a1}] and 3b [${b0}, ${b1}] overlap`);
  // 3b ends last, so it (not 3a) is on the critical path, and so are the phases before it.
  const critical = async (name) => (await page.getByRole("treeitem").filter({ has: page.getByText(name, { exact: true }) })
    .locator(".wf-bar").getAttribute("class")).includes("critical");
  assert.equal(await critical("Phase 3b: diagnostics"), true);
  assert.equal(await critical("Phase 3a: categorize"), false);
  assert.equal(await critical("Phase 2: synthesize"), true);
  assert.equal(await critical("Phase 1: fetch tickets"), true);
});

await check("an LLM span shows its messages as a conversation, with model and tokens", async () => {
  await page.getByRole("tree").getByText("Phase 2: synthesize", { exact: true }).click();
  const details = page.getByRole("article");
  const conversation = details.locator(".conversation");
  await conversation.filter({ hasText: "Input messages" }).getByText("Summarise ticket T-100: printer offline since Monday.").waitFor();
  await conversation.filter({ hasText: "Output messages" }).getByText("The customer's printer has been offline since Monday.").waitFor();
  // An image part of a message is a link to the image; a javascript: address is not a link.
  const image = conversation.getByRole("link", { name: "https://example.com/printer-photo.jpg" });
  assert.equal(await image.getAttribute("href"), "https://example.com/printer-photo.jpg");
  assert.equal(await image.getAttribute("rel"), "noopener noreferrer nofollow");
  await conversation.getByText("javascript:alert(1)").waitFor();
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.match(await details.innerText(), /gpt-4o/);
  assert.match(await details.innerText(), /165/);
  const cost = await details.getByRole("table", { name: "Cost" }).innerText();
  assert.match(cost, /Cost\s+\$0\.00075\s+Input\s+\$0\.0003\s+Output\s+\$0\.00045/);
  const annotation = details.locator(".annotations tbody tr").filter({ hasText: "correctness" });
  assert.match(await annotation.innerText(), /HUMAN\s+correct\s+0\.9\s+Matches the ticket\./);
  await page.screenshot({ path: `${shots}/llm-span.png` });
});

await check("a failed span shows its exception", async () => {
  await page.getByRole("tree").getByText("ticket T-404", { exact: true }).click();
  const details = page.getByRole("article");
  const exception = details.locator(".exception");
  await exception.getByText("Exception: HTTPError").waitFor();
  await exception.getByText("404 Not Found: ticket T-404").waitFor();
  assert.match(await exception.locator(".stacktrace").innerText(), /pipeline\.py", line 42/);
  await page.screenshot({ path: `${shots}/error-span.png` });
});

await check("the keyboard moves through the tree and collapses it", async () => {
  const tree = page.getByRole("tree");
  await tree.focus();
  const selected = () => page.locator('[role="treeitem"][aria-selected="true"]').innerText();
  const before = await selected();
  await page.keyboard.press("j");
  assert.notEqual(await selected(), before);
  await page.keyboard.press("k");
  assert.equal(await selected(), before);
  await tree.getByText("Phase 3b: diagnostics", { exact: true }).click();
  await tree.focus();
  await page.keyboard.press("ArrowLeft");
  await tree.getByText("lookup_kb", { exact: true }).waitFor({ state: "detached" });
  await page.keyboard.press("ArrowRight");
  await tree.getByText("lookup_kb", { exact: true }).waitFor();
});

await check("text from traces is shown as text: an answer with script runs nothing", async () => {
  const row = page.getByRole("treeitem").filter({ hasText: "categorize <script>" });
  await row.click();
  const details = page.getByRole("article");
  await details.locator(".message-content", { hasText: "<script>window.__xss" }).waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator("img[onerror]").count(), 0);
  assert.equal(await page.locator("main script").count(), 0);
});

await check("the trace view steps to the newer trace", async () => {
  await page.getByRole("link", { name: "← newer trace" }).click();
  await page.getByRole("heading", { name: "Answer question", level: 1 }).waitFor();
});

await check("opened from a filtered list, the trace view steps through that list only", async () => {
  await page.goto(`${base}/projects/ui-fixture?filter=${encodeURIComponent("error_count > 0")}`);
  await page.getByRole("link", { name: "Process Tickets" }).click();
  await page.getByRole("heading", { name: "Process Tickets", level: 1 }).waitFor();
  await page.getByText("← newer trace").waitFor();
  assert.equal(await page.getByRole("link", { name: "← newer trace" }).count(), 0, "Answer question has no failed span");
});

await check("the span table shows each span's annotations", async () => {
  await page.goto(`${base}/projects/ui-fixture/spans`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Phase 2: synthesize" }) });
  await row.getByText("correctness: correct").waitFor();
});

await check("the span table sorts by latency, either way", async () => {
  const names = () => page.locator("tbody td.name a").allInnerTexts();
  await page.getByRole("button", { name: /^Latency/ }).click();
  await page.getByRole("columnheader", { name: /Latency ↓/ }).waitFor();
  await page.waitForFunction(() => document.querySelector("tbody td.name a")?.textContent === "Process Tickets");
  // 10 s, then 5 s (3b), 4 s (3a), 3.4 s (categorize), 2 s (Phase 2).
  const slowest = (await names()).slice(0, 5);
  assert.deepEqual([...slowest.slice(0, 3), slowest[4]], ["Process Tickets", "Phase 3b: diagnostics",
    "Phase 3a: categorize", "Phase 2: synthesize"]);
  assert.match(slowest[3], /^categorize <script>/);
  await page.getByRole("button", { name: /^Latency/ }).click();
  await page.waitForFunction(() => document.querySelector("tbody td.name a")?.textContent === "GET /api/v2/tickets/T-100");
  await page.screenshot({ path: `${shots}/spans-sorted.png` });
});

await check("the sessions tab keeps the sessions with a trace the filter selects", async () => {
  await page.goto(`${base}/projects/ui-fixture/sessions?filter=${encodeURIComponent("name == 'Answer question' and error_count > 0")}`);
  await page.getByText("No sessions have a trace that matches the filter and time range.").waitFor();
  const input = page.getByLabel("Filter", { exact: true });
  await input.fill("name == 'Answer question'");
  await input.press("Enter");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "support-session-1" }) });
  await row.waitFor();
  assert.deepEqual((await row.getByRole("cell").allInnerTexts()).slice(3, 6), ["2", "10", "1"]);
  await page.screenshot({ path: `${shots}/sessions.png` });
});

await check("the session page shows the session's traces as a conversation", async () => {
  await page.goto(`${base}/projects/ui-fixture/sessions`);
  await page.getByRole("link", { name: "support-session-1" }).click();
  await page.getByText("How do I reset my password?").waitFor();
  await page.getByText("Use the 'Forgot password' link on the sign-in page.").waitFor();
  await page.screenshot({ path: `${shots}/session.png` });
});

await check("a call whose model has no price shows an unknown cost, and Settings → Models prices it", async () => {
  await page.goto(`${base}/projects/ui-fixture`);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Answer question" }) });
  await row.getByRole("cell", { name: "unknown" }).waitFor();
  await row.getByRole("link", { name: "Answer question" }).click();
  await page.getByText("Cost unknown: no price for").waitFor();
  await page.getByRole("link", { name: "Add a price" }).click();
  await page.waitForURL(/\/settings\/models\?model=support-bot-v2/);
  const form = page.getByRole("form", { name: "Model price" });
  assert.equal(await form.getByLabel("Model").inputValue(), "support-bot-v2");
  await form.getByLabel("Input $/1M", { exact: true }).fill("1");
  await form.getByLabel("Output $/1M", { exact: true }).fill("4");
  await form.getByLabel("Audio input $/1M").fill("16");
  await form.getByRole("button", { name: "Add price" }).click();
  const added = page.getByRole("row").filter({ hasText: "support-bot-v2" });
  await added.getByText("custom").waitFor();
  // Input, output, cache read, cache write, reasoning, audio in, audio out: the audio input price as given, the
  // audio output one falling back to the output price.
  assert.match(await added.innerText(), /\b1\s+4\s+1\s+1\s+4\s+16\s+4\b/);
  // The server says "running" from the moment the price is stored until the stored costs are recomputed.
  await page.waitForFunction(async () => (await (await fetch("/api/prices/recompute")).json()).data.state === "idle");
  await page.getByText("Stored costs match these prices").waitFor();
  await page.getByLabel("Search models").fill("gpt-4o-mini");
  await page.getByRole("row").filter({ hasText: "bundled" }).first().waitFor();
  await page.screenshot({ path: `${shots}/models.png`, fullPage: true });
  // 300 prompt tokens at $1 and 60 completion tokens at $4 per million.
  await page.goto(`${base}/projects/ui-fixture`);
  const priced = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Answer question" }) });
  await priced.getByRole("cell", { name: "$0.00054" }).waitFor();
});

await check("the dashboard charts the project and opens the spans behind a chart", async () => {
  // The fixture traces are from 2025-11-29: a range of two years (in minutes) holds them.
  await page.goto(`${base}/projects/ui-fixture/dashboard?range=1051200`);
  const tiles = page.getByLabel("Totals", { exact: true });
  await tiles.getByText("Calls").waitFor();
  assert.match(await tiles.innerText(), /Calls\s+10\b/);
  // gpt-4o's call ($0.00075) and support-bot-v2's, priced in the previous check ($0.00054).
  assert.match(await tiles.innerText(), /Cost\s+\$0\.00129/);
  await page.locator("figure.chart canvas").nth(4).waitFor();
  assert.equal(await page.locator("figure.chart").count(), 5);
  const models = page.getByRole("table", { name: "Models side by side" });
  assert.match(await models.getByRole("row").filter({ hasText: "gpt-4o" }).innerText(), /gpt-4o\s+1\s+0\.0%.*\$0\.75\s+\$0\.00075/s);
  const errors = page.getByRole("table", { name: "Errors by message" });
  await errors.getByRole("link", { name: "HTTPError: 404 Not Found" }).waitFor();
  await page.getByRole("list", { name: "Latest errors" }).getByRole("link", { name: "ticket T-404" }).waitFor();
  assert.match(await page.getByRole("table", { name: "Errors by exception type" }).innerText(), /HTTPError\s+1\s+100\.0%/);
  assert.match(await page.getByRole("table", { name: "Errors by HTTP status" }).innerText(), /404\s+1\s+100\.0%/);
  // Process Tickets ($0.00075) costs more than Answer question ($0.00054).
  assert.deepEqual(await page.getByRole("list", { name: "Most expensive traces" }).getByRole("link").allInnerTexts(),
    ["Process Tickets", "Answer question"]);
  // Chains: depths 1 and 3, phase 3b on the critical path of the pipeline, whose failed ticket fetch makes it a
  // failed chain.
  const chains = page.getByRole("region", { name: "Chains" });
  await chains.getByLabel("Chain shape").waitFor();
  assert.match(await chains.getByLabel("Chain shape").innerText(), /Depth p50 \/ p95 \/ max\s+1 \/ 3 \/ 3/);
  assert.match(await chains.getByRole("table", { name: "On the critical path" }).getByRole("row").nth(1).innerText(),
    /Phase 3b: diagnostics\s+1\s+50\.0%\s+4\.50 s/);
  const failed = chains.getByRole("list", { name: "Failed chains" }).getByRole("listitem");
  assert.equal(await failed.count(), 1);
  assert.match(await failed.innerText(), /Process Tickets.*failed: ticket T-404 \(HTTPError: 404 Not Found\)/);
  await page.getByLabel("Split calls by attribute").fill("analysis_type");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  await page.getByRole("figure", { name: "Calls per week, by analysis_type" }).locator("canvas").waitFor();
  await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });
  await page.getByRole("button", { name: "Split by span name" }).click();
  const byName = page.getByRole("figure", { name: "Calls per week, by span name" });
  await byName.locator("canvas").waitFor();
  assert.match(await byName.innerText(), /Process Tickets/, "the legend names the spans");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  await page.getByRole("figure", { name: "Calls per week, by analysis_type" }).locator("canvas").waitFor();
  await page.getByRole("link", { name: "Error rate" }).click();
  await page.waitForURL(/\/projects\/ui-fixture\/spans\?filter=/);
  await page.getByRole("link", { name: "ticket T-404" }).waitFor();
  assert.equal(await page.getByRole("row").count(), 2, "the one failed span and the header");
  // A point of a chart opens the spans of its bucket: the fixture's week, the failed span in it.
  await page.goBack();
  const errorChart = page.getByRole("figure", { name: "Error rate" });
  await errorChart.locator(".u-over").click();
  await page.waitForURL(/\/projects\/ui-fixture\/spans\?filter=.*start_time/);
  const filter = new URL(page.url()).searchParams.get("filter");
  assert.match(filter, /status_code == 'ERROR'\) and start_time >= '2025-11-2\d.*' and start_time < '2025-1[12]-\d\d/);
  await page.getByRole("link", { name: "ticket T-404" }).waitFor();
  assert.equal(await page.getByRole("row").count(), 2, "the one failed span of that week and the header");
});

await check("an alert rule is added from the Alerts page, fires, and shows its history", async () => {
  await page.goto(`${base}/alerts`);
  await page.getByText("No rules yet.").waitFor();
  await page.getByText("Add a rule").click();
  const form = page.getByRole("form", { name: "Alert rule" });
  await form.getByLabel("Name").fill("No traffic");
  await form.getByLabel("Project").fill("ui-fixture");
  await form.getByLabel("Figure").selectOption("span_count");
  await form.getByLabel("Over the last (minutes)").fill("60");
  await form.getByLabel("Fires when").selectOption("below");
  await form.getByLabel("Threshold").fill("1");
  await form.getByRole("button", { name: "Add rule" }).click();
  const row = page.getByRole("table", { name: "Alert rules" }).getByRole("row").filter({ hasText: "No traffic" });
  await row.getByText("span count below 1 over 1 h").waitFor();
  await page.getByRole("button", { name: "Evaluate now" }).click();
  await row.getByText("firing").waitFor();
  await row.getByRole("button", { name: "History" }).click();
  const history = page.getByRole("table", { name: "Alert history" });
  assert.match(await history.innerText(), /firing\s+0\s+1\s+no webhook/);
  await page.screenshot({ path: `${shots}/alerts.png`, fullPage: true });
});

await check("Settings → Redaction adds a rule of one's own and previews what it replaces", async () => {
  await page.goto(`${base}/settings/redaction`);
  await page.getByText("No rules: spans are stored as they are sent.").waitFor();
  await page.getByText("Add a rule").click();
  await page.getByLabel("Rule", { exact: true }).selectOption("custom");
  await page.getByLabel("Name", { exact: true }).fill("ticket_no");
  await page.getByLabel("Pattern", { exact: true }).fill("T-\\d{6}");
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByRole("table", { name: "Redaction rules" }).getByText("ticket_no").waitFor();
  await page.getByLabel("Sample text").fill("Ticket T-100000 from ana@example.com");
  await page.getByRole("button", { name: "Preview" }).click();
  assert.equal(await page.getByLabel("Preview result").locator(".mono").innerText(),
    "Ticket [REDACTED:ticket_no] from ana@example.com");
  await page.screenshot({ path: `${shots}/redaction.png`, fullPage: true });
});

await check("the audit page lists the changes just made and finds the chain intact", async () => {
  await page.goto(`${base}/audit`);
  const entries = page.getByRole("table", { name: "Audit entries" });
  await entries.getByText("POST /api/redaction/rules").waitFor();
  await entries.getByText("POST /api/alerts").first().waitFor();
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await page.getByRole("status").getByText(/^Intact: \d+ entries/).waitFor();
  await page.screenshot({ path: `${shots}/audit.png`, fullPage: true });
});

await check("Settings → Retention shows each project's spans and share, and sets and applies a policy", async () => {
  await page.goto(`${base}/settings/retention`);
  await page.getByLabel("Database size").getByText(/takes [\d.]+ MB on disk/).waitFor();
  const row = page.getByRole("table", { name: "Projects and retention" }).getByRole("row").filter({ hasText: "ui-fixture" });
  await row.getByText("%").waitFor();
  const cells = await row.getByRole("cell").allInnerTexts();
  assert.ok(Number(cells[1].replace(/,/g, "")) > 0, `spans of ui-fixture: ${cells[1]}`);
  await page.getByLabel("Spans kept by ui-fixture").fill("100000");
  await row.getByRole("button", { name: "Save" }).click();
  session.confirmNext = true;
  await row.getByRole("button", { name: "Apply now" }).click();
  await page.getByRole("status").getByText("ui-fixture: 0 spans deleted").waitFor();
  await page.screenshot({ path: `${shots}/retention.png`, fullPage: true });
});

assert.deepEqual(problems, [], "no console errors, page errors or dialogs");
await session.browser.close();
console.log(`ui: ${session.checks} checks passed`);
