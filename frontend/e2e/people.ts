// The community stories' people: prosumers created for a story (a verified address, a password of the
// run's own) and logging in through the log-in page, as a person does.
import { randomBytes } from "node:crypto";

import { expect, type Page } from "@playwright/test";

import { brandHubShell } from "./support";

export type Person = { email: string; password: string; name: string };

/** New verified prosumers, by name (preferring English) or name and language, created in one call to Brand Hub's shell. */
export function newProsumers(...who: (string | { name: string; locale: string })[]): Person[] {
  const people = who.map((person) => {
    const { name, locale } = typeof person === "string" ? { name: person, locale: "en" } : person;
    const id = randomBytes(4).toString("hex");
    return { name, locale, email: `${name.split(" ")[0]!.toLowerCase()}.${id}@example.com`, password: randomBytes(12).toString("hex"), id };
  });
  brandHubShell(`
import json
from brand_hub.demo.accounts import AccountRole, ensure_account
from brand_hub.users.roles import PROSUMERS
for person in json.loads(${JSON.stringify(JSON.stringify(people))}):
    user, _ = ensure_account(role=AccountRole("e2e-" + person["id"], groups=(PROSUMERS,)), display_name=person["name"], email=person["email"])
    user.set_password(person["password"])
    user.preferred_locale = person["locale"]
    user.save()
`);
  return people.map(({ name, email, password }) => ({ name, email, password }));
}

/** Logs `person` in on the log-in page of `locale`, coming back to `path`. */
export async function logIn(page: Page, person: { email: string; password: string }, path: string, locale = "en") {
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
