// A second prosumer's reply reaches the first as a notification in her language; following a page
// brings its new comments too. Two browser contexts, one per prosumer.
import { type Browser, expect, test } from "@playwright/test";

import { brandHubShell, expectAccessible, keepScreenshot, logIn, newProsumers, type Person, tabTo } from "./support";

async function signedIn(browser: Browser, person: Person, path: string, locale: string) {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, path, person, locale);
  return page;
}

/** Posts `text` on the page at `path` as `person`, as the API does: the story's setting, not its subject. */
function commentAs(person: Person, path: string, text: string) {
  brandHubShell(`
from django.contrib.auth import get_user_model
from wagtail.models import Page
from brand_hub.community.comments import post_comment
page = Page.objects.get(url_path__endswith=${JSON.stringify(path.split("/").slice(2).join("/"))}, locale__language_code=${JSON.stringify(path.split("/")[1])})
post_comment(author=get_user_model().objects.get(email=${JSON.stringify(person.email)}), page=page, text=${JSON.stringify(text)})
`);
}

test("a prosumer hears of a reply in her language, opens it and lands on it", async ({ browser, request }) => {
  const [lena, omar] = newProsumers({ name: "Lena Wiśniewska", locale: "pl" }, "Omar Haddad");
  const ideas = await (await request.get("/api/v3/page-cards/?type=ideas.IdeaPage&locale=pl&limit=1&offset=2")).json();
  const idea = { path: new URL(ideas.items[0].meta.html_url).pathname, title: ideas.items[0].title as string };
  const question = `Czy sznurówki będą w kolorze pomarańczowym? ${Date.now()}`;
  commentAs(lena!, idea.path, question);

  // Omar reads the Polish idea and replies to Lena.
  const other = await signedIn(browser, omar!, idea.path, "pl");
  const hers = other.getByRole("article", { name: lena!.name }).filter({ hasText: question });
  await hers.getByRole("button", { name: `Odpowiedz: ${lena!.name}` }).click();
  const reply = `Yes, and in green too ${Date.now()}`;
  await hers.getByLabel("Twoja odpowiedź").fill(reply);
  await hers.getByRole("button", { name: "Opublikuj odpowiedź" }).click();
  await expect(other.getByRole("article", { name: omar!.name }).filter({ hasText: reply })).toBeVisible();

  // Lena logs in: the header counts one unread notification, worded in Polish.
  const page = await signedIn(browser, lena!, "/pl/", "pl");
  const bell = page.getByRole("link", { name: /^Powiadomienia/ });
  await expect(bell).toHaveText(/Powiadomienia\s+1 nieprzeczytane/);
  await bell.click();
  await expect(page.getByRole("heading", { level: 1, name: "Twoje powiadomienia" })).toBeVisible();
  const notification = page.getByRole("link", { name: `${omar!.name} odpowiedział(a) na twój komentarz w „${idea.title}”.` });
  await expect(notification).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, "notifications-pl");

  await notification.click();
  await expect(page).toHaveURL(new RegExp(`${idea.path}#comment-\\d+$`));
  const landed = page.locator(`#${new URL(page.url()).hash.slice(1)}`);
  await expect(landed.getByRole("article", { name: omar!.name })).toContainText(reply);
  await expect(landed).toBeInViewport();

  // Opened, it is read: the count is gone, here and in the list.
  await expect(page.getByRole("link", { name: /^Powiadomienia/ })).toHaveText(/^\s*Powiadomienia\s*$/);
  await page.goto("/pl/account/notifications/");
  await expect(page.getByText("Nieprzeczytane", { exact: true })).toHaveCount(0);

  // The page in the other languages (its chrome; the messages stay in Lena's language).
  for (const [locale, heading] of [
    ["es", "Tus notificaciones"],
    ["en", "Your notifications"],
  ] as const) {
    await page.goto(`/${locale}/account/notifications/`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, `notifications-${locale}`);
  }
});

test("a prosumer follows a post, hears of a new comment, marks all read and unfollows, with the keyboard", async ({ browser }) => {
  const [omar, lena] = newProsumers("Omar Haddad", "Lena Nowak");
  const post = "/en/blog/the-sole-that-came-from-your-ideas/";
  const page = await signedIn(browser, omar!, post, "en");
  const follow = page.getByRole("button", { name: "Follow", exact: true });
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await tabTo(page, follow);
  await page.keyboard.press("Space");
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("You follow “The sole that came from your ideas”")).toBeVisible();

  commentAs(lena!, post, `Following this one too ${Date.now()}`);
  await page.goto("/en/account/notifications/");
  await expect(page.getByRole("link", { name: `${lena!.name} commented on “The sole that came from your ideas”.` })).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: "Mark all as read" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Unread", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Notifications/ })).toHaveText(/^\s*Notifications\s*$/);

  await page.goto(post);
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await tabTo(page, follow);
  await page.keyboard.press("Enter");
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await page.reload();
  await expect(follow).toHaveAttribute("aria-pressed", "false");
});

test("a visitor is sent to log in before reading notifications, and back", async ({ page }) => {
  const [lena] = newProsumers("Lena Nowak");
  await page.goto("/en/account/notifications/");
  await expect(page).toHaveURL(/\/en\/account\/login\/\?next=/);
  await page.getByLabel("E-mail address").fill(lena!.email);
  await page.getByLabel("Password").fill(lena!.password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your notifications" })).toBeVisible();
  await expect(page.getByText("No notifications yet.", { exact: false })).toBeVisible();
});
