// Pictures are described in the page's language (the alt text written on each page, translated with it)
// and the first one a visitor sees is fetched first: eager, high priority, sized for the layout.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import { expect, test } from "@playwright/test";

type Text = { es: string; en: string; pl: string };
const demo = (name: string) => JSON.parse(readFileSync(resolve(process.cwd(), "../site/demo", name), "utf8"));
const home: { hero_image_alt: Text } = demo("content.json").home;
const challenge: { title: Text; cover_image_alt: Text } = demo("ideas.json").challenges[0];

test("a Polish visitor's pictures are described in Polish, the first one loaded first", async ({ page, request }) => {
  await page.goto("/pl/");
  const hero = page.getByRole("img", { name: home.hero_image_alt.pl, exact: true });
  await expect(hero).toBeVisible();
  await expect(hero).toHaveAttribute("fetchpriority", "high");
  await expect(hero).toHaveAttribute("loading", "eager");
  await expect(hero).toHaveAttribute("sizes", /\d/);
  await expect(page.getByRole("img", { name: home.hero_image_alt.es })).toHaveCount(0);

  // Through the frontend's own /api/, which forwards to Brand Hub.
  const listing = await request.get("/api/v3/pages/?type=ideas.IdeaChallengePage&locale=pl&limit=20");
  const pages = (await listing.json()).items as { title: string; meta: { html_url: string } }[];
  const polish = pages.find((item) => item.title === challenge.title.pl);
  expect(polish, "the demo's first challenge in Polish").toBeTruthy();
  await page.goto(new URL(polish!.meta.html_url).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(challenge.title.pl);
  await expect(page.getByRole("img", { name: challenge.cover_image_alt.pl, exact: true })).toBeVisible();
});

test("an English visitor reads the same picture's English description", async ({ page }) => {
  await page.goto("/en/");
  await expect(page.getByRole("img", { name: home.hero_image_alt.en, exact: true })).toBeVisible();
});
