// What every browser script here shares: the machine's browser (BROWSER: chromium or firefox, at BROWSER_PATH) on a
// laptop-sized page, screenshots under SCREENSHOTS, the problems the page reports (console errors other than the
// expected ones, page errors, dialogs nobody asked to confirm), and named checks that stop at the first failure
// with a screenshot.
import { mkdirSync } from "node:fs";
import { chromium, firefox } from "playwright-core";

/** Debian's Chromium, or Debian's Firefox ESR over WebDriver BiDi (Playwright's moz-firefox channel). */
function launch() {
  const executablePath = process.env.BROWSER_PATH;
  if (process.env.BROWSER === "firefox") {
    return firefox.launch({ channel: "moz-firefox", executablePath, headless: true });
  }
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** The CSP hash of "body {}". */
const PLAYWRIGHT_SCREENSHOT_STYLE = "sha256-YjaKGiklmzC6wjXA513HAMmzus8VE61XCOT+SmwNZWA=";

/** Opens the browser; {@code expectedError(message)} says which console errors a script provokes on purpose. */
export async function open({ failedShot, expectedError = () => false }) {
  const shots = process.env.SCREENSHOTS;
  mkdirSync(shots, { recursive: true });
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });

  const session = { browser, page, shots, problems: [], checks: 0, confirmNext: false };
  page.on("console", (m) => {
    if (m.type() === "error" && !expectedError(m)) session.problems.push(`console: ${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => {
    // Before a screenshot Playwright adds a style element of its own ("body {}"), which Firefox over BiDi reports as
    // refused by the page's Content-Security-Policy (style-src 'self'): Playwright's, not the page's.
    if (!e.message.includes(PLAYWRIGHT_SCREENSHOT_STYLE)) session.problems.push(`page error: ${e.message}`);
  });
  // A confirmation a check asks for (session.confirmNext) is accepted; any other dialog is a problem.
  page.on("dialog", (d) => {
    if (session.confirmNext && d.type() === "confirm") {
      session.confirmNext = false;
      d.accept();
    } else {
      session.problems.push(`dialog opened: ${d.message()}`);
      d.dismiss();
    }
  });
  session.check = async (name, body) => {
    try {
      await body();
      session.checks++;
    } catch (error) {
      console.error(`FAILED: ${name}`);
      await page.screenshot({ path: `${shots}/${failedShot}`, fullPage: true }).catch(() => {});
      throw error;
    }
  };
  return session;
}
