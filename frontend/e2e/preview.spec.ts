// An editor previews an unpublished change from the admin's preview link.
import { expect, test } from "@playwright/test";

import { brandHubShell, expectAccessible } from "./support";

test("an editor previews a draft title in Polish while visitors still see the published one", async ({ page, request }) => {
  const listing = await request.get("/api/v3/pages/?type=blog.BlogPage&locale=pl&limit=1");
  const [post] = (await listing.json()).items as { id: number; title: string; meta: { html_url: string } }[];
  // As the admin's preview does: the editor's unsaved page, snapshotted behind a signed token.
  const link = brandHubShell(`from wagtail.models import Page
from brand_hub.headless.preview import create_preview
page = Page.objects.get(id=${post!.id}).specific
page.title = "Szkic: " + page.title
print(create_preview(page=page)["frontend_preview_url"])`)
    .trim()
    .split("\n")
    .pop()!;
  expect(link).toContain("/api/preview?");

  await page.goto(new URL(link).pathname + new URL(link).search);
  await expect(page).toHaveURL(/\/pl\/_preview\/\?token=/);
  await expect(page.getByRole("status")).toHaveText("Podgląd nieopublikowanej wersji roboczej");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Szkic: ${post!.title}`);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expectAccessible(page);

  await page.goto(new URL(post!.meta.html_url).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(post!.title);
});

test("a preview link with a forged token says the preview has expired", async ({ page }) => {
  await page.goto("/api/preview?token=forged&type=blog.BlogPage&locale=en");
  await expect(page.getByRole("heading", { level: 1, name: "This preview has expired" })).toBeVisible();
  const missing = await page.request.get("/api/preview");
  expect(missing.status()).toBe(400);
  expect((await missing.json()).errors[0].field).toBe("token");
});
