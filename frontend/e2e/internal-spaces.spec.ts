// An internal challenge (restricted to a group of accounts, as editors set in the page's privacy):
// its members read it and take part; a visitor and a signed-in outsider get the 404 page.
import { randomBytes } from "node:crypto";

import { expect, test } from "@playwright/test";

import { brandHubShell, logIn, newProsumers } from "./support";

/** A live English challenge behind a group restriction, with `member` in the group; answers its path. */
function internalChallenge(title: string, memberEmail: string): string {
  const id = randomBytes(4).toString("hex");
  return brandHubShell(`
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction
from brand_hub.ideas.models import IdeaChallengePage
parent = IdeaChallengePage.objects.live().filter(locale__language_code="en").first().get_parent()
now = timezone.now()
page = parent.add_child(instance=IdeaChallengePage(
    title=${JSON.stringify(title)}, slug="internal-${id}", question="How would you tidy the workshop?",
    description="<p>For employees only.</p>", collecting_starts_at=now - timedelta(days=1),
    collecting_ends_at=now + timedelta(days=10), voting_ends_at=now + timedelta(days=20),
    review_ends_at=now + timedelta(days=30), live=False))
page.save_revision().publish()
group = Group.objects.create(name="Employees ${id}")
restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
restriction.groups.set([group])
get_user_model().objects.get(email=${JSON.stringify(memberEmail)}).groups.add(group)
print(page.url)
`)
    .trim()
    .split("\n")
    .at(-1)!;
}

test("an internal challenge opens to its members only", async ({ browser }) => {
  const [member, outsider] = newProsumers("Marta Employee", "Oskar Outsider");
  const title = `Workshop ideas ${Date.now()}`;
  const path = internalChallenge(title, member!.email);
  expect(path).toMatch(/^\/en\/.+\/internal-[0-9a-f]+\/$/);

  // Asked first as the public, so the frontend's shared cache holds the public's answer.
  const visitor = await browser.newPage();
  expect((await visitor.goto(path))?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { level: 1 })).not.toHaveText(title);

  const outsiderPage = await browser.newPage();
  await logIn(outsiderPage, "/en/", outsider!);
  expect((await outsiderPage.goto(path))?.status()).toBe(404);

  const memberPage = await browser.newPage();
  await logIn(memberPage, "/en/", member!);
  expect((await memberPage.goto(path))?.status()).toBe(200);
  await expect(memberPage.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The ideas index lists it to the member, and to nobody else.
  const index = path.replace(/[^/]+\/$/, "");
  await memberPage.goto(index);
  await expect(memberPage.getByRole("link", { name: title })).toBeVisible();
  await outsiderPage.goto(index);
  await expect(outsiderPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(outsiderPage.getByRole("link", { name: title })).toHaveCount(0);

  // The member's answers never reached the public: the visitor still gets the 404 page and a list without it.
  expect((await visitor.goto(path))?.status()).toBe(404);
  await visitor.goto(index);
  await expect(visitor.getByRole("link", { name: title })).toHaveCount(0);
});
