// Prosumers edit and delete their own comments, like, dislike and report others', and see held,
// removed and locked comments for what they are; with the mouse, the keyboard, and axe in es, en, pl.
import { type Browser, expect, type Page, test } from "@playwright/test";

import { brandHubShell, expectAccessible, keepScreenshot, logIn, newProsumers, type Person, tabTo } from "./support";

const POST = "/en/blog/how-to-choose-the-right-size-of-trail-shoe/";

let lena: Person;
let omar: Person;

test.beforeAll(() => {
  const people = newProsumers("Lena Nowak", "Omar Haddad");
  lena = people[0]!;
  omar = people[1]!;
});

async function signedIn(browser: Browser, person: Person, path: string, locale = "en") {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, path, person, locale);
  return page;
}

async function postComment(page: Page, text: string) {
  await page.getByLabel("Your comment").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  const comment = page.getByRole("article", { name: lena.name }).filter({ hasText: text });
  await expect(comment).toBeVisible();
  return comment;
}

test("a prosumer edits her comment, another likes, dislikes and reports it, and she deletes it", async ({ browser }) => {
  const page = await signedIn(browser, lena, POST);
  const text = `Does the size guide work for wide feet ${Date.now()}?`;
  let mine = await postComment(page, text);
  await expect(mine.getByText(/You can edit it until/)).toBeVisible();
  // Her own comment: no reactions, no report, but edit and delete behind "More".
  await expect(mine.getByRole("button", { name: "Like", exact: true })).toHaveCount(0);
  await mine.getByRole("button", { name: `More actions for ${lena.name}'s comment` }).click();
  await expect(mine.getByRole("button", { name: "Report", exact: true })).toHaveCount(0);
  await expectAccessible(page);
  await keepScreenshot(page, "comment-menu-en");

  await mine.getByRole("button", { name: "Edit", exact: true }).click();
  const edited = `${text} (I wear a 44)`;
  await mine.getByRole("textbox", { name: "Edit your comment" }).fill(edited);
  await mine.getByRole("button", { name: "Save changes" }).click();
  mine = page.getByRole("article", { name: lena.name }).filter({ hasText: edited });
  await expect(mine).toContainText("edited");
  await expect(mine.getByRole("status")).toHaveText("Your comment is updated.");

  const other = await signedIn(browser, omar, POST);
  const theirs = other.getByRole("article", { name: lena.name }).filter({ hasText: edited });
  await theirs.getByRole("button", { name: "Like", exact: true }).click();
  await expect(theirs.getByRole("button", { name: "Like", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(theirs).toContainText("1 like · 0 dislikes");
  await theirs.getByRole("button", { name: "Dislike" }).click();
  await expect(theirs).toContainText("0 likes · 1 dislike");
  // The counts are the API's: a reload reads the same.
  await other.reload();
  await expect(theirs).toContainText("0 likes · 1 dislike");
  await expect(theirs.getByRole("button", { name: "Dislike" })).toHaveAttribute("aria-pressed", "true");

  await theirs.getByRole("button", { name: `More actions for ${lena.name}'s comment` }).click();
  await expect(theirs.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await theirs.getByRole("button", { name: "Report", exact: true }).click();
  await theirs.getByLabel("Reason").selectOption({ label: "Off-topic" });
  await theirs.getByLabel("Note for the moderators (optional)").fill("Not about sizes at all.");
  await expectAccessible(other);
  await theirs.getByRole("button", { name: "Send report" }).click();
  await expect(theirs.getByRole("status")).toHaveText("Thank you: the moderators received your report and will review this comment.");
  // Reporting twice is the API's refusal, in its words.
  await theirs.getByRole("button", { name: `More actions for ${lena.name}'s comment` }).click();
  await theirs.getByRole("button", { name: "Report", exact: true }).click();
  await theirs.getByRole("button", { name: "Send report" }).click();
  await expect(theirs.getByRole("alert")).toContainText("You have already flagged this comment.");

  await mine.getByRole("button", { name: `More actions for ${lena.name}'s comment` }).click();
  await mine.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(mine.getByText("Delete this comment? Its replies stay, and it shows as removed.")).toBeVisible();
  await mine.getByRole("button", { name: "Delete comment" }).click();
  await expect(page.getByText("Your comment is deleted.")).toBeVisible();
  await expect(page.getByText(edited)).toHaveCount(0);
  await expect(page.getByText("This comment was removed.").first()).toBeVisible();
});

test("held comments show to their author alone, and a locked discussion takes no replies", async ({ browser }) => {
  const path = "/en/blog/five-habits-that-make-your-shoes-last-1000-kilometres/";
  const page = await signedIn(browser, lena, path);
  const held = `Held words ${Date.now()}`;
  const locked = `A locked thread ${Date.now()}`;
  await postComment(page, held);
  await postComment(page, locked);
  // A moderator's doing: enough flags hold one, and a lock closes the other's thread.
  brandHubShell(`
from django.contrib.auth import get_user_model
from brand_hub.community.models import CommunityComment, HoldReason
from brand_hub.community.moderation import hold_comment, moderate
hold_comment(CommunityComment.objects.get(comment__contains=${JSON.stringify(held)}), reason=HoldReason.FLAGS)
admin = get_user_model().objects.filter(is_superuser=True).first()
moderate(comment=CommunityComment.objects.get(comment__contains=${JSON.stringify(locked)}), by=admin, action="lock")
`);
  await page.reload();
  const mine = page.getByRole("article", { name: lena.name }).filter({ hasText: held });
  await expect(mine).toContainText("Only you see this comment: it is held for review until a moderator approves it.");
  const thread = page.getByRole("article", { name: lena.name }).filter({ hasText: locked });
  await expect(thread).toContainText("This discussion is locked: no more replies.");
  await expect(thread.getByRole("button", { name: /^Reply/ })).toHaveCount(0);
  await expectAccessible(page);
  await keepScreenshot(page, "comment-held-and-locked-en");

  const other = await signedIn(browser, omar, path);
  await expect(other.getByRole("heading", { name: "Discussion" })).toBeVisible();
  await expect(other.getByText(held)).toHaveCount(0);
  await expect(other.getByRole("article", { name: lena.name }).filter({ hasText: locked }).getByRole("button", { name: /^Reply/ })).toHaveCount(0);
});

test("a prosumer likes and reports a comment with the keyboard only", async ({ browser }) => {
  const path = "/en/blog/repair-before-you-replace-how-our-resoling-programme-works/";
  const page = await signedIn(browser, lena, path);
  const text = `Keyboard-only ${Date.now()}`;
  await postComment(page, text);

  const other = await signedIn(browser, omar, path);
  const theirs = other.getByRole("article", { name: lena.name }).filter({ hasText: text });
  await tabTo(other, theirs.getByRole("button", { name: "Like", exact: true }));
  await other.keyboard.press("Space");
  await expect(theirs.getByRole("button", { name: "Like", exact: true })).toHaveAttribute("aria-pressed", "true");
  await tabTo(other, theirs.getByRole("button", { name: `More actions for ${lena.name}'s comment` }));
  await other.keyboard.press("Enter");
  await tabTo(other, theirs.getByRole("button", { name: "Report", exact: true }));
  await other.keyboard.press("Enter");
  // The reason takes the focus as the form opens.
  await expect(theirs.getByLabel("Reason")).toBeFocused();
  await other.keyboard.press("Tab");
  await other.keyboard.type("Looks like an advert.");
  await tabTo(other, theirs.getByRole("button", { name: "Send report" }));
  await other.keyboard.press("Enter");
  await expect(theirs.getByRole("status")).toContainText("Thank you");
});

for (const [locale, slug, more, report] of [
  ["es", "como-elegir-la-talla-de-tus-zapatillas-de-trail", "Más acciones para el comentario de Lena Nowak", "Denunciar"],
  ["pl", "jak-dobrac-rozmiar-butow-trailowych", "Więcej działań dla komentarza: Lena Nowak", "Zgłoś"],
] as const) {
  test(`the comment menu and the report form pass axe in ${locale}`, async ({ browser }) => {
    const text = `Lena ${locale} ${Date.now()}`;
    brandHubShell(`
from wagtail.models import Page
from django.contrib.auth import get_user_model
from brand_hub.community.comments import post_comment
page = Page.objects.get(slug=${JSON.stringify(slug)}, locale__language_code=${JSON.stringify(locale)})
post_comment(author=get_user_model().objects.get(email=${JSON.stringify(lena.email)}), page=page, text=${JSON.stringify(text)})
`);
    const page = await signedIn(browser, omar, `/${locale}/blog/${slug}/`, locale);
    const comment = page.getByRole("article", { name: lena.name }).filter({ hasText: text });
    await comment.getByRole("button", { name: more }).click();
    await expectAccessible(page);
    await comment.getByRole("button", { name: report, exact: true }).click();
    await expectAccessible(page);
    await keepScreenshot(page, `comment-menu-${locale}`);
  });
}
