// What the stories share: axe-core's verdict on a page and a screenshot kept for review.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** Where each page type's screenshot per locale is kept after the run (git-ignored). */
export const SCREENSHOTS = "test-results/screenshots";

/** Fails with each serious or critical accessibility violation axe-core finds on the page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(serious, `axe-core on ${page.url()}`).toEqual([]);
}

export async function keepScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

const ROOT = resolve(process.cwd(), "..");

/** Sends the code on stdin to the shell at E2E_DJANGO_SHELL's socket; prints its answer, or fails with it. */
const SHELL_CLIENT = `
const http = require("node:http");
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const code = Buffer.concat(chunks);
  const request = http.request(
    { socketPath: process.env.E2E_DJANGO_SHELL, path: "/", method: "POST", headers: { "Content-Length": code.length } },
    (response) => {
      const body = [];
      response.on("data", (chunk) => body.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(body).toString("utf8");
        if (response.statusCode === 200) process.stdout.write(text);
        else { process.stderr.write(text); process.exitCode = 1; }
      });
    },
  );
  request.on("error", (error) => { process.stderr.write(String(error)); process.exitCode = 1; });
  request.end(code);
});
`;

/**
 * Runs Python as Brand Hub's `manage.py shell -c` would (against the database site/frontend-e2e.sh
 * seeded) and answers what it printed: in the shell site/frontend-e2e.sh keeps running
 * (e2e/django_shell.py, E2E_DJANGO_SHELL), else in a `manage.py shell` of its own.
 */
export function brandHubShell(code: string): string {
  if (process.env.E2E_DJANGO_SHELL) {
    try {
      // A bound: a piece of code that hangs fails its story instead of blocking the run.
      return execFileSync(process.execPath, ["-e", SHELL_CLIENT], { input: code, encoding: "utf8", stdio: "pipe", timeout: 120_000 });
    } catch (error) {
      throw new Error(`Brand Hub's shell failed on:\n${code}\n${(error as { stderr?: string }).stderr || String(error)}`);
    }
  }
  return execFileSync(resolve(ROOT, ".venv/bin/python"), ["manage.py", "shell", "-c", code], { cwd: ROOT, encoding: "utf8" });
}

/** The prosumer site/frontend-e2e.sh creates for the stories, with this run's password. */
export function prosumer() {
  const email = process.env.E2E_PROSUMER_EMAIL;
  const password = process.env.E2E_PROSUMER_PASSWORD;
  if (!email || !password) throw new Error("E2E_PROSUMER_EMAIL and E2E_PROSUMER_PASSWORD come from site/frontend-e2e.sh");
  return { email, password, name: "Lena Kowalska" };
}

/** Presses Tab until `target` has the focus, as a keyboard-only person moves through the page. */
export async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`${target} never took the focus after ${limit} presses of Tab`);
}

/** The last e-mail Brand Hub sent to `address` (site/frontend-e2e.sh keeps mails in EMAIL_FILE_PATH). */
export function lastMailTo(address: string): string {
  const folder = process.env.EMAIL_FILE_PATH;
  if (!folder) throw new Error("EMAIL_FILE_PATH comes from site/frontend-e2e.sh");
  const mails = readdirSync(folder)
    .map((name) => readFileSync(join(folder, name), "utf8"))
    .filter((mail) => mail.includes(`To: ${address}`));
  const mail = mails.at(-1);
  if (!mail) throw new Error(`no mail to ${address} in ${folder}`);
  return mail;
}

/** Logs `person` (the run's e2e prosumer unless told) in on the log-in page of `locale`, as a person
 * does, coming back to `path`. */
export async function logIn(page: Page, path: string, person: { email: string; password: string } = prosumer(), locale = "en") {
  const labels = {
    en: { email: "E-mail address", password: "Password", logIn: "Log in" },
    es: { email: "Correo electrónico", password: "Contraseña", logIn: "Iniciar sesión" },
    pl: { email: "Adres e-mail", password: "Hasło", logIn: "Zaloguj się" },
  }[locale]!;
  // Once the form's script runs (it posts to allauth), not before.
  await page.goto(`/${locale}/account/login/?next=${encodeURIComponent(path)}`, { waitUntil: "networkidle" });
  await page.getByLabel(labels.email).fill(person.email);
  await page.getByLabel(labels.password, { exact: true }).fill(person.password);
  await page.getByRole("button", { name: labels.logIn, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
}

/** The editor site/frontend-e2e.sh creates for the stories (Editors group), with this run's password. */
export function editor() {
  const username = process.env.E2E_EDITOR_USERNAME;
  const password = process.env.E2E_EDITOR_PASSWORD;
  if (!username || !password) throw new Error("E2E_EDITOR_USERNAME and E2E_EDITOR_PASSWORD come from site/frontend-e2e.sh");
  return { username, password };
}

/** Brand Hub's own origin, where the Wagtail admin is (site/frontend-e2e.sh sets WAGTAILADMIN_BASE_URL to it). */
export function adminOrigin(): string {
  const origin = process.env.WAGTAILADMIN_BASE_URL;
  if (!origin) throw new Error("WAGTAILADMIN_BASE_URL comes from site/frontend-e2e.sh");
  return origin;
}

export type Person = { email: string; password: string; name: string };

/** New verified prosumers, by name (preferring English) or name and language, created in one call to Brand Hub's shell. */
export function newProsumers(...who: (string | { name: string; locale: string })[]): Person[] {
  return newProsumersThen("", ...who).people;
}

/**
 * New verified prosumers as newProsumers makes them, then `then` run in the same call to Brand Hub's
 * shell (one start of Django instead of two), with the new accounts' users in `users`, in order;
 * answers the people and the last line `then` printed.
 */
export function newProsumersThen(then: string, ...who: (string | { name: string; locale: string })[]): { people: Person[]; printed: string } {
  const people = who.map((person) => {
    const { name, locale } = typeof person === "string" ? { name: person, locale: "en" } : person;
    const id = randomBytes(4).toString("hex");
    return { name, locale, email: `${name.split(" ")[0]!.toLowerCase()}.${id}@example.com`, password: randomBytes(12).toString("hex"), id };
  });
  const output = brandHubShell(`
import json
from brand_hub.demo.accounts import AccountRole, ensure_account
from brand_hub.users.roles import PROSUMERS
users = []
for person in json.loads(${JSON.stringify(JSON.stringify(people))}):
    user, _ = ensure_account(role=AccountRole("e2e-" + person["id"], groups=(PROSUMERS,)), display_name=person["name"], email=person["email"])
    user.set_password(person["password"])
    user.preferred_locale = person["locale"]
    user.save()
    users.append(user)
${then}
`);
  return { people: people.map(({ name, email, password }) => ({ name, email, password })), printed: lastLine(output) };
}

/**
 * A new verified prosumer of their own for a story that changes or erases the account (the shared
 * prosumer's password must stay as the run set it), with a password of the run's own.
 */
export function newProsumer(name: string, preferredLocale: "es" | "en" | "pl"): Person {
  return newProsumers({ name, locale: preferredLocale })[0]!;
}

/** The last line a shell printed (`manage.py shell` starts with a line of its own; e2e/django_shell.py does not). */
function lastLine(output: string): string {
  return output.trim().split("\n").at(-1) ?? "";
}

/** A password reset key for `email`'s account, as allauth puts it in the e-mail's link. */
export function passwordResetKey(email: string): string {
  return lastLine(brandHubShell(`
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(email="${email}")
print(user_pk_to_url_str(user) + "-" + default_token_generator.make_token(user))
`));
}

/** Signs the page's browser in through allauth's browser flow (for stories about what comes after). */
export async function logInThroughApi(page: Page, email: string, password: string) {
  await page.request.get("/_allauth/browser/v1/config");
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "csrftoken");
  const response = await page.request.post("/_allauth/browser/v1/auth/login", {
    data: { email, password },
    headers: { "X-CSRFToken": csrf?.value ?? "" },
  });
  expect(response.status(), "allauth's answer to the log-in").toBe(200);
}

/** Posts a comment as the page's signed-in browser, through the project API, and answers its id. */
export async function postComment(page: Page, pageId: number, text: string): Promise<number> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "csrftoken");
  const response = await page.request.post("/api/community/comments/", {
    data: { page_id: pageId, text, kind: "praise" },
    headers: { "X-CSRFToken": csrf?.value ?? "" },
  });
  expect(response.status(), "the API's answer to the comment").toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** The first page of a type in a locale, as v3 lists it (through the frontend's /api/). */
export async function firstPage(page: Page, type: string, locale: string) {
  const listing = await page.request.get(`/api/v3/pages/?type=${type}&locale=${locale}&limit=1`);
  expect(listing.ok()).toBe(true);
  const [first] = (await listing.json()).items as { id: number; title: string; meta: { html_url: string } }[];
  if (!first) throw new Error(`the demo has no ${type} in ${locale}`);
  return { id: first.id, title: first.title, path: new URL(first.meta.html_url).pathname };
}
