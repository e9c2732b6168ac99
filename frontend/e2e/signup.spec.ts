// A new prosumer signs up in Polish, opens the verification link from the e-mail and is signed in.
import { expect, test } from "@playwright/test";

import { expectAccessible, lastMailTo } from "./support";

test.use({ locale: "pl-PL" });

test("a new prosumer signs up in Polish and verifies the address from the e-mail's link", async ({ page }) => {
  const email = `marta.${Date.now()}@example.com`;
  await page.goto("/pl/account/login/");
  await page.getByRole("link", { name: "Zarejestruj się" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dołącz do społeczności" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Nazwa wyświetlana").fill("Marta Nowak");
  await page.getByLabel("Adres e-mail").fill(email);
  await page.getByLabel("Hasło").fill(`szlak-${Date.now()}-gorski`);
  await expect(page.getByLabel("Preferowany język")).toHaveValue("pl");
  // Without consent to the terms the API refuses, and says why beside the box.
  await page.getByRole("button", { name: "Zarejestruj się" }).click();
  await expect(page.getByRole("checkbox", { name: /Akceptuję warunki/ })).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("checkbox", { name: /Akceptuję warunki/ }).check();
  await page.getByRole("button", { name: "Zarejestruj się" }).click();
  await expect(page.getByRole("status")).toContainText("wysłaliśmy ci e-mail");

  const link = lastMailTo(email).match(/https?:\/\/\S+\/account\/verify-email\/\S+/)?.[0];
  expect(link, "the verification link in the e-mail").toBeTruthy();
  await page.goto(link!);
  await expect(page).toHaveURL(/\/pl\/account\/verify-email\//);
  await page.getByRole("button", { name: "Potwierdź mój adres e-mail" }).click();

  await expect(page).toHaveURL(/\/pl\/$/);
  await expect(page.getByRole("status").filter({ hasText: "Twój adres e-mail został potwierdzony" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Konto" }).getByText("Zalogowano jako Marta Nowak")).toBeVisible();
});
