// Visitors search what the community says, from the header of any page: comments and ideas with
// their highlights, filters from the API's facets, paging, and an empty state, in es, en and pl.
import { expect, type Page, test } from "@playwright/test";

import { brandHubShell, expectAccessible, keepScreenshot } from "./support";

/** Types `words` in the header's search box and sends it, as a visitor does from any page. */
async function searchFromHeader(page: Page, box: string, words: string) {
  const search = page.getByRole("search", { name: box });
  await search.getByRole("searchbox").fill(words);
  await search.getByRole("searchbox").press("Enter");
}

/** The number in "12 results". */
async function resultCount(page: Page): Promise<number> {
  const status = page.getByRole("status").filter({ hasText: /\d/ });
  return Number((await status.textContent())?.match(/\d+/)?.[0]);
}

function hits(page: Page) {
  return page.getByRole("region", { name: /Results|Resultados|Wyniki/ }).getByRole("article");
}

test("a visitor searches in Spanish, sees highlights, filters by a kind of comment and pages", async ({ page }) => {
  await page.goto("/es/");
  await searchFromHeader(page, "Buscar en el sitio", "zapatillas");
  await expect(page).toHaveURL(/\/es\/search\/\?q=zapatillas$/);
  await expect(page.getByRole("heading", { level: 1, name: "Búsqueda: «zapatillas»" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^\d+ resultados?$/ })).toBeVisible();
  await expect(hits(page).first().locator("mark").first()).toHaveText(/zapatillas/i);
  await expect(page.getByText("Resultados en español.")).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, "search-es");

  // Pages of ten: the second page holds other hits.
  const firstPage = await hits(page).getByRole("heading").allTextContents();
  await page.getByRole("navigation", { name: "Páginas" }).getByRole("link", { name: "Página siguiente" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByText(/^Página 2 de \d+$/)).toBeVisible();
  expect(await hits(page).count()).toBeGreaterThan(0);
  expect(await hits(page).getByRole("heading").allTextContents()).not.toEqual(firstPage);

  await page.getByRole("navigation", { name: "Tipos de resultados" }).getByRole("link", { name: /^Comentarios/ }).click();
  await expect(page).toHaveURL(/[?&]type=comment/);
  await expect(page).not.toHaveURL(/[?&]page=/);
  const comments = await resultCount(page);
  for (const hit of await hits(page).all()) await expect(hit.getByText("Comentario", { exact: true })).toBeVisible();

  await page.getByRole("region", { name: "Tipo de comentario" }).getByRole("link", { name: /^Pregunta/ }).click();
  await expect(page).toHaveURL(/[?&]kind=question/);
  const chosen = page.getByRole("region", { name: "Tipo de comentario" }).getByRole("link", { name: /^Quitar el filtro: Pregunta/ });
  await expect(chosen).toHaveAttribute("aria-current", "true");
  expect(await resultCount(page)).toBeLessThan(comments);
  for (const hit of await hits(page).all()) await expect(hit.getByText("Pregunta", { exact: true })).toBeVisible();

  await chosen.click();
  await expect(page).not.toHaveURL(/kind=/);
  expect(await resultCount(page)).toBe(comments);
});

test("a visitor searches in English, combines filters and clears them, then switches language", async ({ page }) => {
  await page.goto("/en/blog/");
  await searchFromHeader(page, "Site search", "feet");
  await expect(page.getByRole("heading", { level: 1, name: "Search: “feet”" })).toBeVisible();
  await expect(hits(page).first().locator("mark").first()).toHaveText(/feet/i);
  await page.getByRole("navigation", { name: "Kinds of results" }).getByRole("link", { name: /^Comments/ }).click();

  const kinds = page.getByRole("region", { name: "Kind of comment" });
  const offered = await kinds.getByRole("link").count();
  expect(offered).toBeGreaterThan(1);
  await kinds.getByRole("link").nth(0).click();
  await page.getByRole("region", { name: "Kind of comment" }).getByRole("link").nth(1).click();
  const chosen = page.getByRole("region", { name: "Kind of comment" }).getByRole("link", { name: /^Remove filter:/ });
  await expect(chosen).toHaveCount(2);
  expect(new URL(page.url()).searchParams.getAll("kind")).toHaveLength(2);
  await expectAccessible(page);
  await keepScreenshot(page, "search-en");

  await page.getByRole("link", { name: "Clear all filters" }).first().click();
  expect(new URL(page.url()).searchParams.getAll("kind")).toHaveLength(0);
  await expect(page.getByRole("region", { name: "Kind of comment" }).getByRole("link", { name: /^Remove filter:/ })).toHaveCount(0);

  // The language switcher keeps the words and searches the other language's pages.
  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Polski" }).click();
  await expect(page).toHaveURL(/\/pl\/search\/\?q=feet$/);
  await expect(page.getByRole("heading", { level: 1, name: "Wyszukiwanie: „feet”" })).toBeVisible();
});

test("a visitor searches in Polish, finds inflected forms and widens to every language", async ({ page }) => {
  await page.goto("/pl/");
  await searchFromHeader(page, "Wyszukiwanie w serwisie", "buty");
  await expect(page.getByRole("heading", { level: 1, name: "Wyszukiwanie: „buty”" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^\d+ wynik(i|ów|u)?$/ })).toBeVisible();
  const marks = await hits(page).locator("mark").allTextContents();
  expect(marks.length).toBeGreaterThan(0);
  // The Polish analysis finds the word's other forms, each marked as written.
  expect(marks.some((mark) => mark.toLowerCase() !== "buty")).toBe(true);
  // An idea whose title matches has the words marked in its heading.
  await expect(hits(page).getByRole("heading").locator("mark").first()).toBeVisible();
  await expectAccessible(page);
  await keepScreenshot(page, "search-pl");

  await page.getByRole("link", { name: "Szukaj we wszystkich językach" }).click();
  await expect(page).toHaveURL(/[?&]all=1/);
  await expect(page.getByText("Wyniki we wszystkich językach.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Język strony" })).toBeVisible();
});

const EMPTY = [
  { locale: "es", words: "xylofonquetzal", heading: "Búsqueda: «xylofonquetzal»", empty: "Nada coincide con «xylofonquetzal»." },
  { locale: "en", words: "xylofonquetzal", heading: "Search: “xylofonquetzal”", empty: "Nothing matches “xylofonquetzal”." },
  { locale: "pl", words: "xylofonquetzal", heading: "Wyszukiwanie: „xylofonquetzal”", empty: "Nic nie pasuje do „xylofonquetzal”." },
];

for (const { locale, words, heading, empty } of EMPTY) {
  test(`a search that finds nothing says so in ${locale}`, async ({ page }) => {
    await page.goto(`/${locale}/search/?q=${words}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(empty)).toBeVisible();
    await expect(hits(page)).toHaveCount(0);
    await expectAccessible(page);
    await keepScreenshot(page, `search-empty-${locale}`);
  });
}

test("markup quoted in a comment is shown as text, with only the matched words marked", async ({ page }) => {
  const word = `etiquetas${Date.now().toString(36)}`;
  // A prosumer quotes markup in inline code: its plain text holds `<b>` and an <img> with a handler.
  brandHubShell(`
from brand_hub.community.comments import post_comment
from brand_hub.users.models import User
from brand_hub.blog.models import BlogPage
from search.outbox import send_all_due
post = BlogPage.objects.live().filter(locale__language_code="es").first()
author = User.objects.get(username="lucia.moreno")
post_comment(author=author, page=post, text="Mis ${word} favoritas: <code>&lt;b&gt;negrita&lt;/b&gt;</code> y <code>&lt;img src=x onerror=alert(1)&gt;</code>")
send_all_due()
`);
  await expect(async () => {
    await page.goto(`/es/search/?q=${word}`);
    await expect(hits(page)).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const hit = hits(page).first();
  await expect(hit.locator("mark")).toHaveText(word);
  await expect(hit).toContainText("<b>negrita</b>");
  await expect(hit).toContainText("<img src=x onerror=alert(1)>");
  await expect(hit.locator("b, img, script")).toHaveCount(0);
});

test("a page of results past the last one is not found, as in every list", async ({ page }) => {
  const response = await page.goto("/es/search/?q=zapatillas&page=50");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Página no encontrada" })).toBeVisible();
});
