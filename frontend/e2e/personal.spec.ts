// A prosumer's personal parts: her feed (why each item is there, a page at a time), her notification
// settings kept across a reload, and reputations on public profiles (shown, or not for who opted out).
import { expect, type Page, test } from "@playwright/test";

import { brandHubShell, expectAccessible, keepScreenshot, logIn, logInThroughApi, newProsumer, newProsumersThen } from "./support";

/** The feed page's size (src/app/[locale]/account/feed/page.tsx). */
const PER_PAGE = 10;

/** Each source's new comments: together with the demo's older ones, more than a page of feed. */
const NEW_COMMENTS = 3;

/**
 * A reader whose feed has more than a page: she follows a person and a post and belongs to a group,
 * where others have just commented (the demo's own comments are weeks old), and follows two Spanish
 * members of the demo. Set up through Brand Hub's services: the story's setting, not its subject.
 */
function readerWithAFeed() {
  const { people, printed } = newProsumersThen(
    `
from django.contrib.auth import get_user_model
from brand_hub.blog.models import BlogPage
from brand_hub.community.comments import post_comment
from brand_hub.community.notifications import follow_page, follow_person
from brand_hub.community_groups.models import CommunityGroupPage
from brand_hub.community_groups.services import join_group
reader, omar, ada, ben = users
group = CommunityGroupPage.objects.live().get(locale__language_code="en", slug="trail-runners")
post = BlogPage.objects.live().get(locale__language_code="en", slug="the-sole-that-came-from-your-ideas")
join_group(group=group, member=reader)
join_group(group=group, member=ada)
join_group(group=group, member=ben)
follow_page(user=reader, page_id=post.pk)
for followed in [omar, *get_user_model().objects.filter(username__in=["lucia.moreno", "pablo.ruiz"])]:
    follow_person(user=reader, person_id=followed.pk)
for n in range(${NEW_COMMENTS}):
    # A reply makes a group's comment rise (likes + 2 × replies reaches the feed's threshold).
    asked = post_comment(author=ada, page=group, text=f"Who is up for the ridge loop on Saturday, take {n}?")
    post_comment(author=ben, page=group, text=f"Count me in for loop {n}.", parent_id=asked.pk)
    post_comment(author=ben, page=post, text=f"The grip on wet rock is much better now, run {n}.")
    post_comment(author=omar, page=post, text=f"Mine lasted 700 km so far, check {n}.")
print(json.dumps({"group": group.title, "post": post.title}))
`,
    "Hannah Brooks",
    "Omar Haddad",
    "Ada Lovell",
    "Ben Carter",
  );
  const [reader, omar] = people;
  return { reader: reader!, omar: omar!, ...(JSON.parse(printed) as { group: string; post: string }) };
}

/** A write to the project API as the page's signed-in browser (the story's setting, not its subject). */
async function apiWrite(page: Page, method: "post" | "patch", path: string, data?: object) {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "csrftoken");
  const response = await page.request[method](path, { data, headers: { "X-CSRFToken": csrf?.value ?? "" } });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBe(true);
}

/** The comments the feed's page links to (`/en/.../#comment-12`), in order. */
function commentAnchors(page: Page) {
  return page.locator(".feed h2 a[href*='#comment-']").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
}

test("a prosumer reads why each item is in her feed and pages through it", async ({ page }) => {
  const { reader, omar, group, post } = readerWithAFeed();
  await logIn(page, "/en/account/", reader);
  await page.getByRole("navigation", { name: "Account sections" }).getByRole("link", { name: "Your feed" }).click();
  await expect(page).toHaveURL(/\/en\/account\/feed\/$/);
  await expect(page.getByRole("heading", { level: 2, name: "Your feed" })).toBeVisible();

  const items = page.locator(".feed").getByRole("article");
  await expect(items).toHaveCount(PER_PAGE);
  // Her language first: what rises in her English group.
  await expect(page.getByText(`Rising in your group “${group}”`).first()).toBeVisible();
  const headings = await items.getByRole("heading", { level: 2 }).allInnerTexts();
  expect(headings.every((heading) => / commented on | replied in | proposed a new idea| went from | is now | responded officially /.test(heading))).toBe(true);
  // A comment links to its anchor on its page, and says how it is engaged with.
  await expect(page.locator(".feed h2 a[href*='#comment-']").first()).toHaveAttribute("href", /^\/en\/.+\/#comment-\d+$/);
  await expect(page.getByText(/^\d+ likes? · \d+ repl(y|ies)$/).first()).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, "feed-en");
  const anchors = await commentAnchors(page);
  const reasons = await items.locator(".feed-reason").allInnerTexts();

  // More than a page: "More" reads the next ones by the API's cursor, to the end, with nothing repeated
  // (earlier runs on the same database may have left more rising comments in her group).
  for (let more = 1; more <= 5 && (await page.getByRole("link", { name: "More", exact: true }).count()) > 0; more++) {
    const before = page.url();
    await page.getByRole("link", { name: "More", exact: true }).click();
    await page.waitForURL((url) => url.href !== before);
    expect(page.url()).toMatch(/\/en\/account\/feed\/\?cursor=/);
    await expect(page.getByRole("link", { name: "Back to the newest" })).toBeVisible();
    expect(await items.count()).toBeGreaterThan(0);
    const next = await commentAnchors(page);
    expect(next.filter((anchor) => anchors.includes(anchor))).toEqual([]);
    anchors.push(...next);
    reasons.push(...(await items.locator(".feed-reason").allInnerTexts()));
  }
  expect(anchors.length).toBeGreaterThan(PER_PAGE);
  // Every reason she has is there: her group, the post and the three people she follows.
  expect(new Set(reasons)).toEqual(
    new Set([
      `Rising in your group “${group}”`,
      `Because you follow “${post}”`,
      `Because you follow ${omar.name}`,
      "Because you follow Lucía Moreno",
      "Because you follow Pablo Ruiz",
    ]),
  );
});

test("a visitor is sent to log in before the feed, and a new prosumer's feed says what to do, in English and Polish", async ({ page }) => {
  const person = newProsumer("Tom Ellis", "en");
  await page.goto("/en/account/feed/");
  await expect(page).toHaveURL(/\/en\/account\/login\/\?next=/);
  await logIn(page, "/en/account/feed/", person);
  await expect(page.getByText("Your feed is empty for now.")).toBeVisible();
  await expect(page.getByText(/Follow ideas and posts, join groups or follow people/)).toBeVisible();
  await expect(page.getByRole("link", { name: "More", exact: true })).toHaveCount(0);

  // The same page in Polish.
  await page.goto("/pl/account/feed/");
  await expect(page.getByRole("navigation", { name: "Sekcje konta" }).getByRole("link", { name: "Twoje aktualności" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 2, name: "Twoje aktualności" })).toBeVisible();
  await expect(page.getByText("Na razie nie ma tu żadnych aktualności.")).toBeVisible();
  await expect(page.getByText(/^Obserwuj pomysły i wpisy, dołącz do grup/)).toBeVisible();
  await keepScreenshot(page, "feed-empty-pl");
});

test("a prosumer chooses how she hears of replies, and finds it kept after a reload", async ({ page }) => {
  const person = newProsumer("Ruth Adams", "en");
  await logIn(page, "/en/account/notifications/", person);
  await page.getByRole("link", { name: "Notification settings" }).first().click();
  await expect(page).toHaveURL(/\/en\/account\/notifications\/preferences\/$/);

  const replies = page.getByLabel("Replies to your comments");
  const digest = page.getByLabel("E-mail digest");
  await expect(digest).toHaveValue("off");
  await replies.selectOption({ label: "In the app only" });
  await page.getByLabel("Status changes of ideas").selectOption({ label: "Not at all" });
  await digest.selectOption({ label: "Weekly" });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your notification settings are saved." })).toBeVisible();
  await keepScreenshot(page, "notification-settings-en");

  await page.reload();
  await expect(replies).toHaveValue("in_app");
  await expect(page.getByLabel("Status changes of ideas")).toHaveValue("none");
  await expect(digest).toHaveValue("weekly");

  // A channel the API does not know (a page altered in the browser): its message beside that control.
  await page.getByLabel("New comments on what you follow").evaluate((select) => {
    const option = document.createElement("option");
    option.value = "pigeon";
    option.textContent = "By pigeon";
    select.append(option);
  });
  await page.getByLabel("New comments on what you follow").selectOption("pigeon");
  await page.getByRole("button", { name: "Save settings" }).click();
  const comments = page.getByLabel("New comments on what you follow");
  await expect(comments).toHaveAttribute("aria-invalid", "true");
  await expect(comments).toHaveAccessibleDescription(/\S/);
  await expect(replies).not.toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByLabel("New comments on what you follow")).not.toHaveValue("pigeon");
  await expect(replies).toHaveValue("in_app");
});

test("a profile shows its reputation with what makes it up and its badges; an opted-out one shows none", async ({ page }) => {
  const demoProsumer = brandHubShell(`
from brand_hub.reputation.models import Reputation
best = Reputation.objects.filter(person__show_reputation=True, person__is_active=True).exclude(badges=[]).order_by("-score").first()
print(best.person_id, best.score)
`)
    .trim()
    .split("\n")
    .at(-1)!
    .split(" ");
  const [personId, score] = demoProsumer;
  await page.goto(`/en/people/${personId}/`);
  const reputation = page.getByRole("region", { name: "Reputation" });
  await expect(reputation.getByText(`${score} points`, { exact: true })).toBeVisible();
  const breakdown = reputation.getByRole("table", { name: "How the score adds up" });
  await expect(breakdown.getByRole("rowheader", { name: "Ideas of theirs the brand implemented" })).toBeVisible();
  await expect(breakdown.getByRole("row", { name: /Total/ })).toContainText(score!);
  await expect(reputation.getByRole("heading", { name: "Badges" })).toBeVisible();
  await expect(reputation.getByRole("listitem").first()).toBeVisible();
  await keepScreenshot(page, "person-reputation-en");

  // In Spanish, the API's labels in Spanish.
  await page.goto(`/es/people/${personId}/`);
  await expect(page.getByRole("region", { name: "Reputación" }).getByText(`${score} puntos`, { exact: true })).toBeVisible();

  // A prosumer who chose to hide hers: her profile says nothing of it.
  const hidden = newProsumer("Nora Quinn", "en");
  await logInThroughApi(page, hidden.email, hidden.password);
  await apiWrite(page, "patch", "/api/community/me/", { show_reputation: false });
  const me = (await (await page.request.get("/api/community/me/")).json()) as { id: number };
  await page.goto(`/en/people/${me.id}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Nora Quinn" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Reputation" })).toHaveCount(0);
  await expect(page.getByText(/\d+ points?$/)).toHaveCount(0);
});
