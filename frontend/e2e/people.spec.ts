// Public profiles: a commenter's name in a discussion, and an idea's proposer, lead to what the API shows of them publicly;
// axe on a profile in every language.
import { expect, test } from "@playwright/test";

import { brandHubShell, expectAccessible, firstPage, keepScreenshot, logInThroughApi, newProsumer, postComment } from "./support";

test("a visitor opens a commenter's public profile from the discussion, in Spanish", async ({ page, browser }) => {
  const { email, password, name } = newProsumer("Irene Vidal", "es");
  const post = await firstPage(page, "blog.BlogPage", "es");
  await logInThroughApi(page, email, password);
  const text = `Las probé en la sierra de Aitana ${Date.now()}`;
  const commentId = await postComment(page, post.id, text);

  const visitor = await browser.newPage({ locale: "es-ES" });
  await visitor.goto(post.path);
  await visitor.getByRole("article", { name }).getByRole("link", { name }).click();
  await expect(visitor).toHaveURL(/\/es\/people\/\d+\/$/);
  await expect(visitor.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(visitor.getByText("1 comentario", { exact: true })).toBeVisible();
  await expect(visitor.getByText(text)).toBeVisible();
  // Nothing private: the e-mail address is not on the page.
  await expect(visitor.getByText(email)).toHaveCount(0);

  await visitor.getByRole("link", { name: `En «${post.title}»` }).click();
  await expect(visitor).toHaveURL(new RegExp(`${post.path}#comment-${commentId}$`));
  await visitor.close();
});

test("a visitor opens an idea's proposer from the idea's page, in Spanish", async ({ page }) => {
  const listing = await page.request.get("/api/community/ideas/?locale=es&limit=50");
  const ideas = (await listing.json()).items as { url: string | null; author: string | null; author_id: number | null }[];
  const idea = ideas.find((item) => item.author && item.author_id !== null && item.url);
  if (!idea?.url || !idea.author) throw new Error("the demo has no Spanish idea with a proposer");
  await page.goto(new URL(idea.url).pathname);
  await page.getByRole("main").getByRole("link", { name: idea.author, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/es/people/${idea.author_id}/$`));
  await expect(page.getByRole("heading", { level: 1, name: idea.author })).toBeVisible();
});

test("an address of no one is the 404 page", async ({ page }) => {
  expect((await page.goto("/es/people/2147483647/"))?.status()).toBe(404);
  expect((await page.goto("/es/people/nobody/"))?.status()).toBe(404);
});

for (const locale of ["es", "en", "pl"] as const) {
  test(`a public profile with ideas is accessible in ${locale}`, async ({ page }) => {
    const authorId = brandHubShell(`
from brand_hub.ideas.models import IdeaPage
print(IdeaPage.objects.live().public().filter(proposed_by__isnull=False).first().proposed_by_id)
`)
      .trim()
      .split("\n")
      .at(-1);
    await page.goto(`/${locale}/people/${authorId}/`);
    await expect(page.getByRole("main").getByRole("heading", { level: 2 }).first()).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expectAccessible(page);
    await keepScreenshot(page, `${locale}-person`);
  });
}
