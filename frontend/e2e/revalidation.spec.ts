// Brand Hub's signed revalidation call: a published change shows at once; a forged or stale call is refused.
import { createHmac } from "node:crypto";

import { expect, test, type APIRequestContext } from "@playwright/test";

import { brandHubShell } from "./support";

const SECRET = process.env.FRONTEND_REVALIDATE_SECRET ?? "";

/** Publishes a new title for page `id` as an editor's publish does (a revision, then publish). */
function publishTitle(id: number, title: string) {
  const code = `from wagtail.models import Page
page = Page.objects.get(id=${id}).specific
page.title = ${JSON.stringify(title)}
page.save_revision().publish()`;
  brandHubShell(code);
}

function signedCall(request: APIRequestContext, body: string, { timestamp = Math.floor(Date.now() / 1000), secret = SECRET } = {}) {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return request.post("/api/revalidate", {
    data: body,
    headers: {
      "Content-Type": "application/json",
      "X-Brand-Hub-Timestamp": String(timestamp),
      "X-Brand-Hub-Signature": `sha256=${signature}`,
    },
  });
}

test("an editor publishes a new title and the frontend shows it after Brand Hub's signed call", async ({ page, request }) => {
  test.skip(!SECRET, "FRONTEND_REVALIDATE_SECRET is not set (site/frontend-e2e.sh sets it)");
  const listing = await request.get("/api/v3/pages/?type=blog.BlogPage&locale=en&limit=1");
  const [post] = (await listing.json()).items as { id: number; title: string; meta: { html_url: string } }[];
  const path = new URL(post!.meta.html_url).pathname;
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(post!.title);

  const title = `${post!.title} (updated)`;
  publishTitle(post!.id, title);
  try {
    const body = JSON.stringify({
      event: "page_published",
      pages: [{ id: post!.id, locale: "en", path }],
      tags: [`page:${post!.id}`, "pages"],
    });
    const answer = await signedCall(request, body);
    expect(answer.status()).toBe(200);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  } finally {
    publishTitle(post!.id, post!.title);
    await signedCall(request, JSON.stringify({ event: "page_published", pages: [], tags: [`page:${post!.id}`, "pages"] }));
  }
});

test("a revalidation call with a wrong signature or an old timestamp is refused with 401", async ({ request }) => {
  test.skip(!SECRET, "FRONTEND_REVALIDATE_SECRET is not set (site/frontend-e2e.sh sets it)");
  const body = JSON.stringify({ event: "settings_changed", pages: [], tags: ["settings:pl"] });

  const forged = await signedCall(request, body, { secret: "not the secret" });
  expect(forged.status()).toBe(401);
  expect((await forged.json()).errors[0].field).toBe("X-Brand-Hub-Signature");

  const stale = await signedCall(request, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
  expect(stale.status()).toBe(401);
  expect((await stale.json()).errors[0].field).toBe("X-Brand-Hub-Timestamp");

  const unknown = await signedCall(request, JSON.stringify({ event: "page_renamed", pages: [], tags: [] }));
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).errors[0].field).toBe("event");
});
