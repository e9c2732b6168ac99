// Every page type in every language: it renders, axe-core finds no serious or critical violation, and
// a screenshot is kept for review (test-results/screenshots/<locale>-<type>.png).
import { expect, test } from "@playwright/test";

import { expectAccessible, keepScreenshot } from "./support";

const LOCALES = ["es", "en", "pl"] as const;
const PAGE_TYPES = [
  "home.HomePage",
  "blog.BlogIndexPage",
  "blog.BlogPage",
  "community_groups.CommunityIndexPage",
  "community_groups.CommunityGroupPage",
  "ideas.IdeasIndexPage",
  "ideas.IdeaBoardPage",
  "ideas.IdeaChallengePage",
  "ideas.IdeaPage",
] as const;

for (const locale of LOCALES) {
  for (const type of PAGE_TYPES) {
    test(`a visitor sees a ${type} in ${locale}, accessible`, async ({ page, request }) => {
      // Through the frontend's own /api/, which forwards to Brand Hub.
      const listing = await request.get(`/api/v3/pages/?type=${type}&locale=${locale}&limit=1`);
      expect(listing.ok()).toBe(true);
      const [first] = (await listing.json()).items as { meta: { html_url: string } }[];
      expect(first, `the demo has a ${type} in ${locale}`).toBeTruthy();
      const response = await page.goto(new URL(first!.meta.html_url).pathname);
      expect(response?.status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessible(page);
      await keepScreenshot(page, `${locale}-${type}`);
    });
  }

  test(`a visitor sees the 404 page in ${locale}, accessible`, async ({ page }) => {
    const response = await page.goto(`/${locale}/no-such-page/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectAccessible(page);
    await keepScreenshot(page, `${locale}-not-found`);
  });
}
