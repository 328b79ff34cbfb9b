// Sign-in and Settings → Access in the machine's Chromium, against a server with access control on: ARBOR_URL
// names it, ADMIN_USER and ADMIN_PASSWORD its first admin, CHROMIUM the browser, SCREENSHOTS where pictures go.
import assert from "node:assert/strict";
import { open } from "./session.mjs";

const base = process.env.ARBOR_URL;
// The one error expected: the browser's own log line for the 401 that answers the deliberately wrong password.
const session = await open({
  failedShot: "access-failed.png",
  expectedError: (m) => m.text().includes("status of 401") && m.location().url.endsWith("/api/auth/login"),
});
const { page, shots, problems, check } = session;

async function projectsWith(secret) {
  const answer = await fetch(`${base}/v1/projects`, { headers: { authorization: `Bearer ${secret}` } });
  return answer.status;
}

await check("a visitor who is not signed in sees only the sign-in page", async () => {
  await page.goto(`${base}/projects`);
  await page.getByRole("heading", { name: "Sign in to Arbor" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "Alerts" }).count(), 0);
  await page.screenshot({ path: `${shots}/sign-in.png` });
});

await check("a wrong password is refused with a message that does not tell which part was wrong", async () => {
  await page.getByLabel("User name").fill(process.env.ADMIN_USER);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("wrong user name or password").waitFor();
});

await check("the right password signs in, with a cookie the page's scripts cannot read", async () => {
  await page.getByLabel("Password").fill(process.env.ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Signed in as").getByText(process.env.ADMIN_USER).waitFor();
  await page.getByRole("link", { name: "Access" }).waitFor();
  assert.equal(await page.evaluate(() => document.cookie.includes("arbor_session")), false);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "arbor_session");
  assert.ok(session && session.httpOnly && session.sameSite === "Strict", JSON.stringify(cookies));
});

await check("Settings → Access adds a user limited to a project", async () => {
  await page.getByRole("link", { name: "Access" }).click();
  await page.getByLabel("New user name").fill("ana");
  await page.getByLabel("New user password").fill("ana's long password");
  await page.getByLabel("New user role").selectOption("member");
  await page.getByLabel("New user projects").fill("support:write");
  await page.getByRole("button", { name: "Add user" }).click();
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: "ana" });
  await row.getByText("support (write)").waitFor();
});

let secret;
await check("a new key's secret is shown once and works as a Bearer token", async () => {
  await page.getByText("New API key").click();
  await page.getByLabel("Key name").fill("ci ingest");
  await page.getByRole("button", { name: "Create key" }).click();
  secret = await page.getByLabel("Secret").innerText();
  assert.match(secret, /^arbor_sk_/);
  assert.equal(await projectsWith(secret), 200);
  await page.screenshot({ path: `${shots}/access.png`, fullPage: true });
  await page.getByRole("button", { name: "Done" }).click();
  assert.equal(await page.getByText(secret).count(), 0, "the secret is gone from the page");
});

await check("a revoked key is refused at once", async () => {
  const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: "ci ingest" });
  session.confirmNext = true;
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByText("revoked").waitFor();
  assert.equal(await projectsWith(secret), 401);
});

await check("signing out ends the session", async () => {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in to Arbor" }).waitFor();
  await page.goto(`${base}/projects`);
  await page.getByRole("heading", { name: "Sign in to Arbor" }).waitFor();
});

assert.deepEqual(problems, [], "no console errors or page errors");
await session.browser.close();
console.log(`access ui: ${session.checks} checks passed`);
