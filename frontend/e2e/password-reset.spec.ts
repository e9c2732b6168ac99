// A prosumer who forgot their password resets it through allauth's browser flow, from the log-in page
// to the link in the e-mail, in Polish; the reset pages pass axe in every language.
import { expect, test } from "@playwright/test";

import { expectAccessible, keepScreenshot, lastMailTo, newProsumer, passwordResetKey, prosumer } from "./support";

test.describe("in Polish", () => {
  test.use({ locale: "pl-PL" });

  test("a prosumer who forgot their password resets it from the e-mail's link and logs in with the new one", async ({ page }) => {
    const { email, name } = newProsumer("Zofia Wiśniewska", "pl");
    await page.goto("/pl/account/login/");
    await page.getByRole("link", { name: "Nie pamiętasz hasła?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Zresetuj hasło" })).toBeVisible();

    await page.getByLabel("Adres e-mail").fill(email);
    await page.getByRole("button", { name: "Wyślij mi link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Sprawdź pocztę" })).toBeVisible();

    const link = lastMailTo(email).match(/https?:\/\/\S+\/account\/password\/reset\/key\/\S+/)?.[0];
    expect(link, "the reset link in the e-mail").toBeTruthy();
    await page.goto(link!);
    await expect(page).toHaveURL(/\/pl\/account\/password\/reset\/key\//);
    await expect(page.getByRole("heading", { level: 1, name: "Ustaw nowe hasło" })).toBeVisible();
    await expect(page.getByText(`Dla konta ${email}.`)).toBeVisible();

    // allauth's own refusal of a short password, beside the field, in Polish.
    await page.getByLabel("Nowe hasło").fill("abc");
    await page.getByRole("button", { name: "Zapisz nowe hasło" }).click();
    await expect(page.getByLabel("Nowe hasło")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Nowe hasło")).toHaveAccessibleDescription(/\S/);

    // Nothing like the account's username (e2e-<digits>), which allauth would refuse as too similar.
    const newPassword = `nowe hasło w górach ${Math.random().toString(36).slice(2, 8)}`;
    await page.getByLabel("Nowe hasło").fill(newPassword);
    await page.getByRole("button", { name: "Zapisz nowe hasło" }).click();
    await expect(page).toHaveURL(/\/pl\/account\/login\/$/);
    await expect(page.getByRole("status").filter({ hasText: "Hasło zostało zmienione" })).toBeVisible();

    await page.getByLabel("Adres e-mail").fill(email);
    await page.getByLabel("Hasło").fill(newPassword);
    await page.getByRole("button", { name: "Zaloguj się" }).click();
    await expect(page).toHaveURL(/\/pl\/$/);
    await expect(page.getByRole("region", { name: "Konto" }).getByText(`Zalogowano jako ${name}`)).toBeVisible();

    // The link has done its work: opened again, it says so and offers a new one.
    await page.goto(link!);
    await expect(page.getByRole("alert").filter({ hasText: "Ten link jest nieprawidłowy" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Poproś o nowy link" })).toBeVisible();
  });
});

for (const locale of ["es", "en", "pl"] as const) {
  test(`the password reset pages are accessible in ${locale}`, async ({ page }) => {
    // A key for the shared prosumer's account: opening the page changes nothing.
    const { email } = prosumer();
    await page.goto(`/${locale}/account/password/reset/`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, `${locale}-password-reset-request`);

    await page.goto(`/${locale}/account/password/reset/key/${passwordResetKey(email)}/`);
    await expect(page.locator("input[type=password]")).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, `${locale}-password-reset`);
  });
}
