// What every browser script here shares: the machine's Chromium (CHROMIUM) on a laptop-sized page, screenshots
// under SCREENSHOTS, the problems the page reports (console errors other than the expected ones, page errors,
// dialogs nobody asked to confirm), and named checks that stop at the first failure with a screenshot.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

/** Opens the browser; {@code expectedError(message)} says which console errors a script provokes on purpose. */
export async function open({ failedShot, expectedError = () => false }) {
  const shots = process.env.SCREENSHOTS;
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const session = { browser, page, shots, problems: [], checks: 0, confirmNext: false };
  page.on("console", (m) => {
    if (m.type() === "error" && !expectedError(m)) session.problems.push(`console: ${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => session.problems.push(`page error: ${e.message}`));
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
