// A prosumer joins a community group, finds herself among its members, talks in its discussion and leaves.
import { expect, test } from "@playwright/test";

import { expectAccessible, keepScreenshot, logIn, newProsumers, tabTo } from "./support";

const GROUP = "/en/community/hiking-and-trekking/";

test("a prosumer joins a group, is listed among its members, comments and leaves it", async ({ page }) => {
  const [ines] = newProsumers("Ines Martel");
  await page.goto(GROUP);
  await expect(page.getByRole("link", { name: "Log in to join" })).toBeVisible();
  const count = Number((await page.getByText(/^\d+ members?/).textContent())?.match(/\d+/)?.[0]);

  await logIn(page, GROUP, ines!);
  const members = page.getByRole("region", { name: "Members" });
  await expect(members).not.toContainText(ines!.name);
  await page.getByRole("button", { name: "Join the group Hiking and trekking" }).click();
  await expect(page.getByText(`${count + 1} members · You are a member.`)).toBeVisible();
  await expect(members).toContainText(ines!.name);
  await expectAccessible(page);
  await keepScreenshot(page, "group-member-en");

  // The membership outlives a reload: the server reads the group with the session.
  await page.reload();
  const text = `Anyone walking the Camino in May ${Date.now()}?`;
  await page.getByLabel("Your comment").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("article", { name: ines!.name }).filter({ hasText: text })).toBeVisible();

  const leave = page.getByRole("button", { name: "Leave the group Hiking and trekking" });
  await tabTo(page, leave);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Join the group Hiking and trekking" })).toBeVisible();
  await expect(page.getByText(new RegExp(`^${count} members?$`))).toBeVisible();
  await expect(members).not.toContainText(ines!.name);
});
