// A prosumer signs in and out through allauth's browser flow, on this frontend's own origin.
import { expect, test } from "@playwright/test";

import { expectAccessible, keepScreenshot, prosumer } from "./support";

test("a prosumer logs in in Polish, sees their name in the header and logs out", async ({ page }) => {
  const { email, password, name } = prosumer();
  await page.goto("/pl/");
  const account = page.getByRole("region", { name: "Konto" });
  await account.getByRole("link", { name: "Zaloguj się" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Zaloguj się do społeczności" })).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, "login-pl");

  await page.getByLabel("Adres e-mail").fill(email);
  await page.getByLabel("Hasło").fill("not-the-password");
  await page.getByRole("button", { name: "Zaloguj się" }).click();
  // allauth's own message for the wrong password, beside the field it names, in Polish.
  await expect(page.getByLabel("Hasło")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Hasło")).toHaveAccessibleDescription(/\S/);
  await expect(page).toHaveURL(/\/pl\/account\/login\//);

  await page.getByLabel("Hasło").fill(password);
  await page.getByRole("button", { name: "Zaloguj się" }).click();
  await expect(page).toHaveURL(/\/pl\/$/);
  await expect(account.getByText(`Zalogowano jako ${name}`)).toBeVisible();

  await account.getByRole("button", { name: "Wyloguj się" }).click();
  await expect(account.getByRole("link", { name: "Zaloguj się" })).toBeVisible();
  await expect(account.getByText(name)).toHaveCount(0);
});

test("a visitor's log-in link comes back to the page they were reading, in English", async ({ page }) => {
  const { email, password, name } = prosumer();
  await page.goto("/en/ideas/");
  await page.getByRole("region", { name: "Account" }).getByRole("link", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Log in to the community" })).toBeVisible();
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/en\/ideas\/$/);
  await expect(page.getByRole("region", { name: "Account" }).getByText(`Signed in as ${name}`)).toBeVisible();
});
