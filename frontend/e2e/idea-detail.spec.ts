// An idea's page tells its whole story: status (in the admin's words in every language), votes,
// status history, the brand's response and discussion; a duplicate merged by the editors links its
// author to the idea it was merged into.
import { expect, test } from "@playwright/test";

import en from "../src/messages/en.json" with { type: "json" };
import es from "../src/messages/es.json" with { type: "json" };
import pl from "../src/messages/pl.json" with { type: "json" };
import { brandHubShell, expectAccessible, firstPage, logIn } from "./support";

const CATALOGUES = { es, en, pl } as const;
const STATUSES = ["submitted", "under_review", "planned", "in_progress", "implemented", "declined"] as const;

for (const locale of ["es", "en", "pl"] as const) {
  test(`every status of an idea reads in the admin's words in ${locale}, with its history and the brand's response`, async ({ page }) => {
    const t = CATALOGUES[locale];
    const board = (await firstPage(page, "ideas.IdeaBoardPage", locale)).path;
    const cards = page.getByRole("region", { name: t.ideas }).getByRole("listitem");
    for (const status of STATUSES) {
      await page.goto(`${board}?status=${status}`);
      await expect(cards.first()).toContainText(t.statuses[status]);
    }

    // The last one listed (declined) and an implemented one: status, votes, history, response, discussion.
    await page.goto(`${board}?status=implemented`);
    await cards.first().getByRole("heading", { level: 3 }).getByRole("link").click();
    await expect(page.getByRole("main").locator(".badge").first()).toHaveText(t.statuses.implemented);
    await expect(page.locator(".vote-count")).toHaveText(/\d/);
    const history = page.getByRole("region", { name: t.statusHistory });
    await expect(history.getByRole("listitem").first()).toContainText(`→ ${t.statuses.implemented}`);
    await expect(page.getByRole("heading", { name: t.officialResponse })).toBeVisible();
    await expect(page.getByRole("heading", { name: t.discussion })).toBeVisible();
    await expectAccessible(page);
  });
}

test("a prosumer whose idea was merged into another follows the link to it from My ideas, and its old address leads there too", async ({ page }) => {
  const title = `Elastic laces in every box ${Date.now()}`;
  // The prosumer proposed it, an editor approved it, then merged it into the idea it repeats.
  const oldPath = brandHubShell(`
import os
from django.contrib.auth import get_user_model
from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaBoardPage, IdeaPage
users = get_user_model().objects
editor = users.get(username="editor")
board = IdeaBoardPage.objects.get(locale__language_code="en")
idea = services.submit_idea(
    author=users.get(email=os.environ["E2E_PROSUMER_EMAIL"]), parent=board, title=${JSON.stringify(title)},
    description="Elastic laces with a lock, in the box.", topics=[],
)
idea.get_latest_revision().publish(user=editor)
target = IdeaPage.objects.get(locale__language_code="en", title="Quick laces as standard")
merge = services.merge_idea(source=IdeaPage.objects.get(pk=idea.pk), target=target, by=editor)
print(merge.redirect.old_path)
`);
  await logIn(page, "/en/account/ideas/");
  const mine = page.getByRole("article", { name: title });
  await expect(mine).toContainText("Declined");
  await expect(mine).toContainText("No longer published");
  await mine.getByRole("link", { name: "Quick laces as standard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Quick laces as standard" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Status history" })).toBeVisible();
  const targetAddress = new URL(page.url()).pathname;

  // A link shared before the merge (it was /en/ideas/.../elastic-laces-.../) lands on the idea it joined.
  await page.goto(`${oldPath.trim().split("\n").at(-1)}/`);
  await expect(page).toHaveURL((url) => url.pathname === targetAddress);
  await expect(page.getByRole("heading", { level: 1, name: "Quick laces as standard" })).toBeVisible();
});
