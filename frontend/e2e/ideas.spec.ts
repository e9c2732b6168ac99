// A visitor looks at what the community proposes: challenges, their ideas and the brand's answers.
import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support";

test("a visitor browses a challenge and its ideas", async ({ page }) => {
  await page.goto("/en/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ideas" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Challenges" })).toBeVisible();
  await page.getByRole("link", { name: "Challenge: a shoe you can repair" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Challenge: a shoe you can repair" })).toBeVisible();
  await expect(page.getByText("Phase:")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Key dates" })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Voting until" })).toBeVisible();
  const ideas = page.getByRole("region", { name: "Ideas" }).getByRole("heading", { level: 3 });
  await expect(ideas.first()).toBeVisible();
  const byVotes = await ideas.allTextContents();
  await expectAccessible(page);

  const filters = page.getByRole("form", { name: "Sort and filter the ideas" });
  await filters.getByLabel("Sort by").selectOption({ label: "Newest" });
  await filters.getByRole("button", { name: "Show ideas" }).click();
  await expect(page).toHaveURL(/[?&]sort=newest/);
  await expect(filters.getByLabel("Sort by")).toHaveValue("newest");
  expect([...(await ideas.allTextContents())].sort()).toEqual([...byVotes].sort());

  await filters.getByLabel("Status").selectOption({ label: "Under review" });
  await filters.getByRole("button", { name: "Show ideas" }).click();
  await expect(page).toHaveURL(/[?&]status=under_review/);
  const reviewed = page.getByRole("region", { name: "Ideas" }).getByRole("listitem");
  await expect(reviewed.first()).toBeVisible();
  for (const idea of await reviewed.all()) await expect(idea.getByText("Under review")).toBeVisible();

  await ideas.first().getByRole("link").click();
  await expect(page.getByText(/^\d+ votes?$/)).toBeVisible();
  await expect(page.getByText("Under review").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Status history" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Discussion" })).toBeVisible();
  await expectAccessible(page);
});

test("a visitor reads an implemented idea's history and the brand's response", async ({ page }) => {
  await page.goto("/en/ideas/ideas-board/?status=implemented");
  await page.getByRole("region", { name: "Ideas" }).getByRole("heading", { level: 3 }).first().getByRole("link").click();
  await expect(page.getByText("Implemented").first()).toBeVisible();
  const history = page.getByRole("region", { name: "Status history" });
  await expect(history.getByRole("listitem").first()).toContainText("→ Implemented");
});
