// A prosumer proposes ideas: similar ideas suggested while typing, the API's errors beside their
// fields, the idea waiting for review (not listed publicly), and "My ideas" with where each stands.
import { expect, test } from "@playwright/test";

import en from "../src/messages/en.json" with { type: "json" };
import es from "../src/messages/es.json" with { type: "json" };
import pl from "../src/messages/pl.json" with { type: "json" };
import { expectAccessible, firstPage, keepScreenshot, logIn, prosumer } from "./support";

const CATALOGUES = { es, en, pl } as const;

test("a prosumer proposes an idea on a challenge, is shown similar ideas, and follows its review", async ({ page }) => {
  await page.goto("/en/ideas/");
  await page.getByRole("link", { name: "Challenge: a shoe you can repair" }).click();
  const challenge = new URL(page.url()).pathname;
  const proposal = page.getByRole("region", { name: "Propose an idea" });
  await proposal.getByRole("link", { name: "Log in to propose an idea" }).click();
  const { email, password } = prosumer();
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(`${challenge}$`));

  // Too short a title and no description: the API's errors, each beside its field.
  await proposal.getByLabel("Title of your idea").fill("Sole");
  await proposal.getByRole("button", { name: "Send my idea" }).click();
  await expect(proposal.getByLabel("Title of your idea")).toHaveAttribute("aria-invalid", "true");
  await expect(proposal.getByLabel("Describe your idea")).toHaveAttribute("aria-invalid", "true");
  // The API's message, read with the field after its hint.
  await expect(proposal.locator("#title-errors")).not.toBeEmpty();
  await expect(proposal.getByLabel("Title of your idea")).toHaveAccessibleDescription(/^5 to 120 characters: .+\. .+/);

  // Typing suggests the ideas already there, as links to vote on them instead.
  const title = `A sole you can screw on and off ${Date.now()}`;
  await proposal.getByLabel("Title of your idea").fill(title);
  await proposal.getByLabel("Describe your idea").fill("Screws instead of glue, so that any cobbler can replace a worn sole.");
  const similar = proposal.getByRole("region", { name: "Similar ideas already proposed" });
  const original = similar.getByRole("link", { name: "A screwed-on sole instead of a glued one" });
  await expect(original).toBeVisible();
  await expect(original).toHaveAttribute("href", new RegExp(`^${challenge}[^/]+/$`));
  await expect(proposal.getByRole("status").filter({ hasText: /similar ideas? found/ })).toBeVisible();

  await proposal.getByLabel("Topics (optional)").fill("repair, sole");
  await proposal.getByRole("button", { name: "Send my idea" }).click();
  await expect(proposal.getByText(`Thank you! Your idea “${title}” has been sent.`)).toBeVisible();
  await expect(proposal.getByText("Waiting for review")).toBeVisible();
  await expect(proposal.getByLabel("Title of your idea")).toHaveValue("");

  // Waiting for review, it is not listed publicly.
  await page.goto(`${challenge}?sort=newest`);
  await expect(page.getByRole("region", { name: "Ideas" }).getByRole("heading", { level: 3 }).first()).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);

  await page.getByRole("region", { name: "Propose an idea" }).getByRole("link", { name: "My ideas" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My ideas" })).toBeVisible();
  const mine = page.getByRole("article", { name: title });
  await expect(mine).toContainText("Waiting for review");
  await expect(mine).toContainText("Submitted");
  await expect(mine).toContainText("Challenge: a shoe you can repair");
});

test("a visitor is asked to log in to propose an idea and to see their ideas", async ({ page }) => {
  await page.goto("/en/ideas/ideas-board/");
  const proposal = page.getByRole("region", { name: "Propose an idea" });
  await expect(proposal.getByRole("link", { name: "Log in to propose an idea" })).toHaveAttribute(
    "href",
    `/en/account/login/?next=${encodeURIComponent("/en/ideas/ideas-board/")}`,
  );
  await expect(proposal.getByRole("textbox")).toHaveCount(0);
  await page.goto("/en/account/ideas/");
  await expect(page.getByRole("link", { name: "Log in to see your ideas" })).toBeVisible();
});

test("the submission form with its suggestions and My ideas are accessible in es, en and pl", async ({ page }) => {
  // A draft like one of the board's ideas in each language.
  const drafts = { es: "Cordones de ajuste rápido", en: "Quick laces in the box", pl: "Szybkie sznurowanie w pudełku" };
  await logIn(page, "/en/account/ideas/");
  for (const locale of ["es", "en", "pl"] as const) {
    const t = CATALOGUES[locale].ideaSubmission;
    await page.goto((await firstPage(page, "ideas.IdeaBoardPage", locale)).path);
    const proposal = page.getByRole("region", { name: t.proposeIdea });
    await proposal.getByLabel(t.title).fill(drafts[locale]);
    await expect(proposal.getByRole("region", { name: t.similarTitle }).getByRole("link").first()).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, `${locale}-idea-submission`);

    await page.goto(`/${locale}/account/ideas/`);
    await expect(page.getByRole("heading", { level: 1, name: t.myIdeas })).toBeVisible();
    await expectAccessible(page);
    await keepScreenshot(page, `${locale}-my-ideas`);
  }
});
