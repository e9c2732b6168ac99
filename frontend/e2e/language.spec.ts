// The language switcher on the frontend's own routes (accounts, people) lands on the same route in the
// other language, and the page's hreflang alternates say the same.
import { expect, test } from "@playwright/test";

import { brandHubShell, logInThroughApi, passwordResetKey, prosumer } from "./support";

test("the language switcher keeps a prosumer on the same account page in the other language", async ({ page }) => {
  const { email, password } = prosumer();
  const personId = brandHubShell(`
from django.contrib.auth import get_user_model
print(get_user_model().objects.get(email="${email}").pk)
`)
    .trim()
    .split("\n")
    .at(-1);
  const routes = [
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    `/account/password/reset/key/${passwordResetKey(email)}/`,
    `/people/${personId}/`,
  ];
  for (const route of routes) {
    await page.goto(`/pl${route}`);
    const switcher = page.getByRole("navigation", { name: "Język" });
    await expect(switcher.getByRole("link", { name: "English" })).toHaveAttribute("href", `/en${route}`);
    await expect(switcher.getByRole("link", { name: "Español" })).toHaveAttribute("href", `/es${route}`);
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", new RegExp(`/en${route}$`));
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`/pl${route}$`));
  }

  await page.goto("/pl/account/login/");
  await page.getByRole("navigation", { name: "Język" }).getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/en\/account\/login\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Log in to the community" })).toBeVisible();

  await logInThroughApi(page, email, password);
  for (const section of ["", "password/", "data/"]) {
    await page.goto(`/en/account/${section}`);
    await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Polski" }).click();
    await expect(page).toHaveURL(new RegExp(`/pl/account/${section}$`));
    await expect(page.getByRole("heading", { level: 1, name: "Twoje konto" })).toBeVisible();
  }
});

test("a CMS page's switcher still links its translations", async ({ page }) => {
  await page.goto("/pl/");
  await expect(page.getByRole("navigation", { name: "Język" }).getByRole("link", { name: "English" })).toHaveAttribute("href", /\/en\/$/);
});
