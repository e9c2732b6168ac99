// A signed-in prosumer's account area: the profile with the API's field errors beside their fields,
// and the password changed while signed in; axe on its pages in every language.
import { expect, test } from "@playwright/test";

import { expectAccessible, keepScreenshot, logInThroughApi, newProsumer, prosumer } from "./support";

test.describe("in English", () => {
  test.use({ locale: "en-GB" });

  test("a prosumer edits their profile and changes their password from the header's account menu", async ({ page }) => {
    const { email, password } = newProsumer("Nora Quinn", "en");
    // The account area asks a visitor to log in first, and comes back.
    await page.goto("/en/account/");
    await expect(page).toHaveURL(/\/en\/account\/login\/\?next=/);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/en\/account\/$/);

    await page.goto("/en/ideas/");
    const account = page.getByRole("region", { name: "Account" });
    await account.getByRole("link", { name: "Your account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expect(page.getByLabel("Display name")).toHaveValue("Nora Quinn");

    // The API's refusal of a name too long, beside the field.
    await page.getByLabel("Display name").fill("N".repeat(60));
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByLabel("Display name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Display name")).toHaveAccessibleDescription(/50/);

    await page.getByLabel("Display name").fill("Nora Q.");
    await page.getByLabel("About you").fill("Trail runner from Cork.");
    await page.getByLabel("Preferred language").selectOption("pl");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your profile is saved." })).toBeVisible();
    await expect(account.getByText("Signed in as Nora Q.")).toBeVisible();
    await expect(page.getByLabel("About you")).toHaveValue("Trail runner from Cork.");
    await expect(page.getByLabel("Preferred language")).toHaveValue("pl");

    await page.getByRole("navigation", { name: "Account sections" }).getByRole("link", { name: "Password" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Change your password" })).toBeVisible();
    // Nothing like the account's username (e2e-<digits>), which allauth would refuse as too similar.
    const newPassword = `ridge line over Aitana ${Math.random().toString(36).slice(2, 8)}`;
    await page.getByLabel("Current password").fill("not-my-password");
    await page.getByLabel("New password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Current password")).toHaveAccessibleDescription(/\S/);

    await page.getByLabel("Current password").fill(password);
    await page.getByLabel("New password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your password is changed." })).toBeVisible();
    // Still signed in, and the new password is the one that logs in.
    await expect(account.getByText("Signed in as Nora Q.")).toBeVisible();
    await account.getByRole("button", { name: "Log out" }).click();
    await expect(account.getByRole("link", { name: "Log in" })).toBeVisible();
    await account.getByRole("link", { name: "Log in" }).click();
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill(newPassword);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(account.getByText("Signed in as Nora Q.")).toBeVisible();
  });
});

for (const locale of ["es", "en", "pl"] as const) {
  test(`the account area's profile and password pages are accessible in ${locale}`, async ({ page }) => {
    const { email, password } = prosumer();
    await logInThroughApi(page, email, password);
    for (const [section, name] of [["", "account-profile"], ["password/", "account-password"]] as const) {
      await page.goto(`/${locale}/account/${section}`);
      await expect(page.getByRole("main").getByRole("heading", { level: 2 }).first()).toBeVisible();
      await expectAccessible(page);
      await keepScreenshot(page, `${locale}-${name}`);
    }
  });
}
