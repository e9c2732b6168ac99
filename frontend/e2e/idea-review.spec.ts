// The scenario: an idea is submitted, appears after an editor approves it in the admin (as
// editors review ideas: "Awaiting your review" on the dashboard), and only then, and is found by
// search with an accent-less query from the header of any page.
import { expect, test } from "@playwright/test";

import es from "../src/messages/es.json" with { type: "json" };
import { adminOrigin, editor, expectAccessible, logIn } from "./support";

test("a prosumer's idea appears on the challenge once an editor approves it in the admin", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const t = es.ideaSubmission;
  const title = `Envío gratis de suelas de repuesto ${Date.now().toString(36)}`;

  await page.goto("/es/ideas/");
  await page.getByRole("link", { name: "Reto: una zapatilla que se pueda reparar" }).click();
  const challenge = new URL(page.url()).pathname;
  await logIn(page, challenge);
  const proposal = page.getByRole("region", { name: t.proposeIdea });
  await proposal.getByLabel(t.title).fill(title);
  await proposal.getByLabel(t.description).fill("Que las suelas de repuesto lleguen a casa sin gastos de envío, para cambiarlas en cuanto se gasten.");
  await proposal.getByRole("button", { name: t.submitIdea }).click();
  await expect(proposal.getByText(t.moderationStates.in_moderation)).toBeVisible();

  // Waiting for review: not listed.
  const ideas = page.getByRole("region", { name: es.ideas });
  await page.goto(`${challenge}?sort=newest`);
  await expect(ideas.getByRole("heading", { level: 3 }).first()).toBeVisible();
  await expect(ideas.getByRole("link", { name: title })).toHaveCount(0);

  // The editor approves it from the admin's dashboard.
  const admin = await browser.newContext({ baseURL: adminOrigin(), locale: "en-US" });
  const desk = await admin.newPage();
  const { username, password } = editor();
  await desk.goto("/admin/login/");
  await desk.locator("#id_username").fill(username);
  await desk.locator("#id_password").fill(password);
  await desk.getByRole("button", { name: "Sign in" }).click();
  const waiting = desk.locator("#awaiting-review-section").getByRole("row").filter({ hasText: title });
  await waiting.getByRole("button", { name: "Actions" }).click();
  await waiting.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(desk.locator("#awaiting-review-section").getByRole("row").filter({ hasText: title })).toHaveCount(0);
  await admin.close();

  // Published: on the challenge's page, and its own page says where it stands.
  await page.goto(`${challenge}?sort=newest`);
  await ideas.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("main").locator(".badge").first()).toHaveText(es.statuses.submitted);
  await expect(page.getByRole("button", { name: es.voteForIdea })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/es/account/ideas/");
  await expect(page.getByRole("article", { name: title })).toContainText(t.moderationStates.published);

  // Found by the header's search box without its accent ("envio" for "Envío"); indexing follows the
  // approval within moments, so the results page is read again until it lists the idea.
  const search = page.getByRole("search", { name: es.searchPage.siteSearch });
  await search.getByRole("searchbox").fill("envio");
  await search.getByRole("searchbox").press("Enter");
  await expect(page).toHaveURL(/\/es\/search\/\?q=envio/);
  await expect(async () => {
    await page.reload();
    const hits = page.getByRole("region", { name: es.searchPage.resultsHeading }).getByRole("article");
    await expect(hits.filter({ hasText: title })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator("mark").filter({ hasText: "Envío" }).first()).toBeVisible();
});
