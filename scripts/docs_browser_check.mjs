// The docs UIs driven by a real browser (headless Chromium through playwright-core):
// Swagger UI's "Authorize" with the OAuth2 password flow (a person types a username and
// a password; Swagger UI posts the form to the scheme's tokenUrl), then "Try it out" on a
// protected operation, which must send the bearer token and get 200; then ReDoc and Scalar
// show the schemes. Run by scripts/docs_browser_check.sh, which installs playwright-core in
// a temporary directory and finds Chromium:
//
//   scripts/docs_browser_check.sh http://127.0.0.1:8000 /docs admin@example.com changethis \
//       /api/v1/users/me /api/v1/openapi.json
//
// Prints one line per check and exits non-zero on the first failure.

import { chromium } from "playwright-core";

const [base, docsPath, username, password, protectedPath, openapiPath = "/openapi.json"] =
  process.argv.slice(2);
if (!protectedPath) {
  console.error(
    "usage: docs_browser_check.mjs BASE DOCS_PATH USERNAME PASSWORD PROTECTED_PATH [OPENAPI_PATH]",
  );
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

let failed = false;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed = true;
}

try {
  const page = await browser.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r));

  // Swagger UI: Authorize with the password flow.
  await page.goto(base + docsPath);
  await page.getByRole("button", { name: /Authorize/ }).first().click();
  const dialog = page.locator(".modal-ux");
  await dialog.locator("input#oauth_username").fill(username);
  await dialog.locator("input#oauth_password").fill(password);
  // The dialog's own button (its accessible name is "Apply credentials").
  const [token] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    dialog.locator("button.modal-btn.authorize").first().click(),
  ]);
  check(token.status() === 200, `Swagger UI posted the password form to ${token.url()}: ${token.status()}`);
  const form = token.request().postData() ?? "";
  check(
    /username=/.test(form) && /grant_type=password/.test(form),
    "the form carried username and grant_type=password",
  );
  await dialog.locator("button.modal-btn", { hasText: "Close" }).first().click();

  // "Try it out" on the protected operation.
  const opBlock = page.locator(".opblock", { hasText: protectedPath }).first();
  await opBlock.locator(".opblock-summary").first().click();
  await opBlock.getByRole("button", { name: "Try it out" }).click();
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === protectedPath),
    opBlock.getByRole("button", { name: "Execute" }).click(),
  ]);
  const auth = res.request().headers()["authorization"] ?? "";
  check(auth.startsWith("Bearer "), `Try it out sent Authorization: Bearer <token> to ${res.url()}`);
  check(res.status() === 200, `${protectedPath} answered ${res.status()}`);
  await page.screenshot({ path: process.env.SCREENSHOT ?? "/tmp/swagger-authorized.png" });

  // ReDoc names each operation's scheme under "Authorizations".
  const doc = await (await page.request.get(base + openapiPath)).json();
  const schemes = Object.keys(doc.components?.securitySchemes ?? {});
  const redoc = await browser.newPage();
  await redoc.goto(base + "/redoc");
  for (const name of schemes) {
    const shown = await redoc
      .getByText(name)
      .first()
      .waitFor({ timeout: 20000 })
      .then(() => true, () => false);
    check(shown, `ReDoc shows the scheme ${name}`);
  }

  // Scalar's "Authentication" panel offers each scheme.
  const scalar = await browser.newPage();
  await scalar.goto(base + "/scalar");
  await scalar.getByText("Select Auth Type").first().click({ timeout: 30000 });
  for (const name of schemes) {
    const offered = await scalar
      .getByText(name)
      .first()
      .waitFor({ timeout: 10000 })
      .then(() => true, () => false);
    check(offered, `Scalar's auth panel offers the scheme ${name}`);
  }
  await scalar.screenshot({ path: "/tmp/scalar-auth.png" });
} catch (err) {
  check(false, `the browser check stopped: ${err.message.split("\n")[0]}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
