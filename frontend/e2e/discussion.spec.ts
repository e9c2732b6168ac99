// A prosumer takes part in an idea's discussion and votes for it, with the mouse and with the keyboard.
import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, keepScreenshot, prosumer, tabTo } from "./support";

/** Opens the `index`th idea of the English ideas board and answers its address. */
async function openIdea(page: Page, index: number) {
  await page.goto("/en/ideas/ideas-board/?sort=newest");
  await page.getByRole("region", { name: "Ideas" }).getByRole("heading", { level: 3 }).nth(index).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Discussion" })).toBeVisible();
  return new URL(page.url()).pathname;
}

function votesOf(page: Page) {
  return page.locator(".vote-count");
}

test("a prosumer logs in, comments on an idea, replies and votes", async ({ page }) => {
  const { email, password, name } = prosumer();
  const idea = await openIdea(page, 0);
  await expect(page.getByRole("link", { name: "Log in to comment" })).toBeVisible();
  await page.getByRole("link", { name: "Log in to vote" }).click();

  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(`${idea}$`));

  const before = Number((await votesOf(page).textContent())?.match(/\d+/)?.[0]);
  await page.getByRole("button", { name: "Vote for this idea" }).click();
  await expect(votesOf(page)).toContainText(`${before + 1} votes`);
  await expect(votesOf(page)).toContainText("You voted for this idea.");

  const comment = `Lena's question ${Date.now()}: would the sole come in a wider fit?`;
  await page.getByLabel("Your comment").fill(comment);
  await page.getByLabel("Kind of comment").selectOption({ label: "Question" });
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("status").filter({ hasText: /published|held for review/ })).toBeVisible();
  const mine = page.getByRole("article", { name }).filter({ hasText: comment });
  await expect(mine).toBeVisible();
  await expect(mine).toContainText("Question");

  await mine.getByRole("button", { name: `Reply to ${name}` }).click();
  await expectAccessible(page);
  await keepScreenshot(page, "idea-comment-box-en");
  const reply = `And a narrower one too ${Date.now()}`;
  await mine.getByLabel("Your reply").fill(reply);
  await mine.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("article", { name }).filter({ hasText: reply })).toBeVisible();

  // The vote outlives a reload (the server reads it with the session), and can be withdrawn.
  await page.reload();
  await page.getByRole("button", { name: "Withdraw my vote" }).click();
  await expect(votesOf(page)).toHaveText(`${before} ${before === 1 ? "vote" : "votes"}`);
});

test("a prosumer sees the API's own message when a vote is refused", async ({ page, context }) => {
  const { email, password } = prosumer();
  const idea = await openIdea(page, 1);
  await page.goto(`/en/account/login/?next=${encodeURIComponent(idea)}`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("button", { name: "Vote for this idea" })).toBeVisible();

  // A second tab votes first: the first tab's vote is refused with the API's message, in English.
  const other = await context.newPage();
  await other.goto(idea);
  await other.getByRole("button", { name: "Vote for this idea" }).click();
  await expect(other.getByRole("button", { name: "Withdraw my vote" })).toBeVisible();

  await page.getByRole("button", { name: "Vote for this idea" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You already voted for this idea." })).toBeVisible();
  await other.getByRole("button", { name: "Withdraw my vote" }).click();
  await expect(other.getByRole("button", { name: "Vote for this idea" })).toBeVisible();
});

test("a prosumer comments, replies and votes with the keyboard only", async ({ page }) => {
  const { email, password, name } = prosumer();
  const idea = await openIdea(page, 2);

  await tabTo(page, page.getByRole("link", { name: "Log in to vote" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByLabel("E-mail address"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${idea}$`));

  const vote = page.getByRole("button", { name: "Vote for this idea" });
  await tabTo(page, vote);
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Withdraw my vote" })).toBeVisible();

  const comment = `Typed without a mouse ${Date.now()}`;
  await tabTo(page, page.getByLabel("Your comment"));
  await page.keyboard.type(comment);
  await tabTo(page, page.getByRole("button", { name: "Post comment" }));
  await page.keyboard.press("Enter");
  const mine = page.getByRole("article", { name }).filter({ hasText: comment });
  await expect(mine).toBeVisible();

  await tabTo(page, mine.getByRole("button", { name: `Reply to ${name}` }));
  await page.keyboard.press("Enter");
  // The reply box takes the focus as it opens.
  await expect(mine.getByLabel("Your reply")).toBeFocused();
  const reply = `A keyboard reply ${Date.now()}`;
  await page.keyboard.type(reply);
  await tabTo(page, mine.getByRole("button", { name: "Post reply" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("article", { name }).filter({ hasText: reply })).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "Withdraw my vote" }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Vote for this idea" })).toBeVisible();
});
