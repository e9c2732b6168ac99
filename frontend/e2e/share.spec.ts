// A prosumer shares a page on a channel; a visitor opens the link, lands on the page and is counted once.
import { expect, type Page, test } from "@playwright/test";

import { expectAccessible, keepScreenshot, logIn, newProsumers } from "./support";

const POST = "/en/blog/four-autumn-routes-in-the-sierra-de-guadarrama/";

/** The sharer's links as `GET /api/community/shares/mine` answers them, with her session. */
async function myLinks(page: Page) {
  const answer = await page.request.get("/api/community/shares/mine");
  expect(answer.status()).toBe(200);
  return (await answer.json()).items as { code: string; channel: string; visit_count: number }[];
}

test("a share link is opened and counted once", async ({ browser }) => {
  const [lena] = newProsumers("Lena Nowak");
  const sharer = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await sharer.newPage();
  await logIn(page, POST, lena!);

  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.getByRole("list", { name: /^Share “Four autumn routes/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Your link is copied")).toBeVisible();
  const link = await page.getByLabel("Your link").inputValue();
  expect(link).toMatch(/\/s\/[\w-]+$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await keepScreenshot(page, "share-en");

  // Another channel is another link: WhatsApp's share page opens with it.
  await page.getByRole("button", { name: "WhatsApp" }).click();
  await expect(page.getByRole("link", { name: "Share it on WhatsApp" })).toHaveAttribute("href", /^https:\/\/wa\.me\/\?text=/);
  const code = new URL(link).pathname.split("/").at(-1);
  expect((await myLinks(page)).map((item) => item.channel).sort()).toEqual(["copy_link", "whatsapp"]);

  // A visitor opens the link: the page, and one visit.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(new URL(link).pathname);
  await expect(visitor).toHaveURL(new RegExp(`${POST}$`));
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Four autumn routes in the Sierra de Guadarrama");
  const counted = async () => (await myLinks(page)).find((item) => item.code === code)?.visit_count;
  expect(await counted()).toBe(1);

  // Reloading, or opening the link again, is the same visitor.
  await visitor.reload();
  await visitor.goto(new URL(link).pathname);
  await expect(visitor).toHaveURL(new RegExp(`${POST}$`));
  expect(await counted()).toBe(1);

  // Someone else is another visit; a link preview is none.
  const other = await (await browser.newContext()).newPage();
  await other.goto(new URL(link).pathname);
  await expect(other).toHaveURL(new RegExp(`${POST}$`));
  expect(await counted()).toBe(2);
  const preview = await browser.newContext({ userAgent: "WhatsApp/2.24.1 A" });
  await (await preview.newPage()).goto(new URL(link).pathname);
  expect(await counted()).toBe(2);

  // A mangled link still lands on the site.
  await other.goto("/s/no-such-code");
  await expect(other).toHaveURL(/\/(es|en|pl)\/$/);
});

for (const [locale, path, share, copy] of [
  ["es", "/es/blog/", "Compartir", "Copiar enlace"],
  ["pl", "/pl/blog/", "Udostępnij", "Kopiuj link"],
] as const) {
  test(`the share panel passes axe in ${locale}`, async ({ browser }) => {
    const [omar] = newProsumers("Omar Haddad");
    const page = await (await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] })).newPage();
    await page.goto(path);
    const post = new URL(await page.getByRole("heading", { level: 2 }).first().getByRole("link").evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
    await logIn(page, post, omar!, locale);
    await page.getByRole("button", { name: share, exact: true }).click();
    await page.getByRole("button", { name: copy }).click();
    await expect(page.getByRole("status").filter({ has: page.getByRole("textbox") })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, `share-${locale}`);
  });
}
