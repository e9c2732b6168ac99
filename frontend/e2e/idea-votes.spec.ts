// Voting follows the challenge's phases: the vote button says why voting is closed (upcoming, in
// review, closed), and when the phase ends while the page is open, the API's refusal is shown.
import { expect, type Page, test } from "@playwright/test";

import { brandHubShell, expectAccessible, logIn } from "./support";

const DAY = 24 * 3600 * 1000;

/** Days from now at which a challenge collects from, until, votes until and is reviewed until, per phase. */
const CALENDARS = {
  upcoming: [2, 10, 20, 30],
  review: [-30, -20, -2, 10],
  closed: [-40, -30, -20, -10],
} as const;

/**
 * Sets the challenge's four dates; `publish` publishes them as an editor does (Brand Hub then tells
 * the frontend to refresh the page), otherwise they change behind the frontend's back.
 */
function setChallengeDates(id: number, dates: readonly string[], publish: boolean) {
  brandHubShell(`
from datetime import datetime
from brand_hub.ideas.models import IdeaChallengePage
fields = ${JSON.stringify(["collecting_starts_at", "collecting_ends_at", "voting_ends_at", "review_ends_at"])}
values = dict(zip(fields, (datetime.fromisoformat(value) for value in ${JSON.stringify(dates)})))
if ${publish ? "True" : "False"}:
    page = IdeaChallengePage.objects.get(pk=${id})
    for name, value in values.items():
        setattr(page, name, value)
    page.save_revision().publish()
else:
    IdeaChallengePage.objects.filter(pk=${id}).update(**values)
`);
}

function datesIn(days: readonly number[]): string[] {
  return days.map((offset) => new Date(Date.now() + offset * DAY).toISOString());
}

async function challengeNamed(page: Page, title: string) {
  const listing = await page.request.get("/api/v3/page-cards/?type=ideas.IdeaChallengePage&locale=en&limit=20");
  const items = (await listing.json()).items as {
    id: number;
    title: string;
    meta: { html_url: string };
    collecting_ends_at: string;
    voting_ends_at: string;
  }[];
  const challenge = items.find((item) => item.title === title);
  if (!challenge) throw new Error(`no challenge “${title}” in the demo`);
  return challenge;
}

test("the vote button says why voting is closed in each phase, and shows the API's refusal", async ({ page }) => {
  // Each change of dates runs Brand Hub's shell (a few seconds each).
  test.setTimeout(150_000);
  const challenge = await challengeNamed(page, "Challenge: colours for the autumn–winter collection");
  const detail = await (await page.request.get(`/api/v3/pages/${challenge.id}/`)).json();
  const original: string[] = [detail.collecting_starts_at, detail.collecting_ends_at, detail.voting_ends_at, detail.review_ends_at];
  const challengePath = new URL(challenge.meta.html_url).pathname;
  await page.goto(`${challengePath}?sort=newest`);
  await page.getByRole("region", { name: "Ideas" }).getByRole("heading", { level: 3 }).first().getByRole("link").click();
  const idea = new URL(page.url()).pathname;
  await logIn(page, idea);
  const vote = page.getByRole("button", { name: "Vote for this idea" });
  await expect(vote).toBeVisible();

  try {
    // Voting ends while the page is open: the API refuses, in its own words.
    setChallengeDates(challenge.id, datesIn(CALENDARS.review), false);
    await vote.click();
    await expect(page.getByRole("alert").filter({ hasText: "Voting is closed for this idea." })).toBeVisible();

    // Published, the phase is known beforehand: no button, the reason instead.
    const reasons = {
      review: /^Voting closed: Voting has ended: the brand is reviewing the ideas until .+\.$/,
      closed: /^Voting closed: This challenge is closed: voting has ended\.$/,
      upcoming: /^Voting closed: Voting opens when the challenge starts, on .+\.$/,
    };
    for (const phase of ["review", "closed", "upcoming"] as const) {
      setChallengeDates(challenge.id, datesIn(CALENDARS[phase]), true);
      await expect(async () => {
        await page.reload();
        await expect(page.locator(".voting-closed")).toHaveText(reasons[phase], { timeout: 1000 });
      }).toPass();
      await expect(page.getByRole("button", { name: "Vote for this idea" })).toHaveCount(0);
      await expect(page.locator(".vote-count")).toHaveText(/^\d+ votes?$/);
    }
    await expectAccessible(page);
  } finally {
    setChallengeDates(challenge.id, original, true);
  }
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("button", { name: /Vote for this idea|Withdraw my vote/ })).toBeVisible({ timeout: 1000 });
  }).toPass();
});
