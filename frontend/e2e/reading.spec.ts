// A visitor reads the brand's content in her language and moves between translations.
import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support";

test("a visitor arriving at the site's root is sent to her language", async ({ browser }) => {
  // A browser set to Polish sends Accept-Language: pl-PL.
  const context = await browser.newContext({ locale: "pl-PL" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/pl\/$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await context.close();
});

test("a visitor reads a blog post in Polish and switches to English", async ({ page }) => {
  await page.goto("/pl/");
  await page.getByRole("navigation", { name: "Główna" }).getByRole("link", { name: "Blog" }).click();
  await expect(page).toHaveURL(/\/pl\/blog\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "Blog" })).toBeVisible();

  const firstPost = page.getByRole("main").getByRole("heading", { level: 2 }).first().getByRole("link");
  const title = (await firstPost.textContent()) ?? "";
  await firstPost.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveCount(1);
  // The site's icon, so that browsers do not ask for a missing /favicon.ico.
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect((await page.request.get(icon ?? "/no-icon")).headers()["content-type"]).toContain("image/svg+xml");
  const picture = page.getByRole("main").getByRole("img").first();
  await expect(picture).toHaveAttribute("srcset", / \d+w/);
  await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await expectAccessible(page);

  const english = page.getByRole("navigation", { name: "Język" }).getByRole("link", { name: "English" });
  const translation = await english.getAttribute("href");
  expect(translation).toMatch(/\/en\/blog\/.+\/$/);
  await english.click();
  await expect(page).toHaveURL(translation!);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(title);
  await expect(page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Polski" })).toHaveAttribute(
    "href",
    /\/pl\/blog\/.+\/$/,
  );
});

test("a visitor filters the blog by a topic and pages through it", async ({ page }) => {
  await page.goto("/en/blog/");
  const topic = page.getByRole("list", { name: "Topics" }).first().getByRole("link").first();
  const name = (await topic.textContent()) ?? "";
  await topic.click();
  await expect(page.getByText(`Posts about “${name}”`)).toBeVisible();
  const cards = page.getByRole("main").getByRole("heading", { level: 2 });
  await expect(cards.first()).toBeVisible();
  for (const list of await page.getByRole("list", { name: "Topics" }).all()) {
    await expect(list.getByRole("link", { name, exact: true })).toHaveCount(1);
  }
  await page.getByRole("link", { name: "All topics" }).click();
  await expect(page).toHaveURL(/\/en\/blog\/$/);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/\/en\/blog\/\?page=2$/);
  await expect(page.getByText("Page 2 of")).toBeVisible();
});

test("a visitor who follows a dead link gets a 404 page in the address's language", async ({ page }) => {
  const response = await page.goto("/pl/nie-ma-takiej-strony/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Nie znaleziono strony" })).toBeVisible();
  await page.getByRole("link", { name: "Przejdź na stronę główną" }).click();
  await expect(page).toHaveURL(/\/pl\/$/);
});

test("a visitor who edits the address by hand meets a 404 or the whole list, never an error", async ({ page }) => {
  for (const address of ["/pl/%/", "/pl/blog/?page=999999", "/pl/blog/?page=4", "/pl/pomysly/tablica-pomyslow/?page=5000"]) {
    const response = await page.goto(address);
    expect(response?.status(), address).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Nie znaleziono strony" })).toBeVisible();
  }
  for (const address of ["/pl/blog/?topic=%00", "/pl/blog/?page=abc", "/pl/pomysly/tablica-pomyslow/?sort=zzz&status=zzz"]) {
    const response = await page.goto(address);
    expect(response?.status(), address).toBe(200);
    await expect(page.getByRole("main").getByRole("heading", { level: 2 }).first()).toBeVisible();
  }
});
