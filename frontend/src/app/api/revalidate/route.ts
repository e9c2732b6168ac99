// Brand Hub's signed call after a publish, unpublish, move, deletion or settings change: the cached
// pages and listings it names are refreshed at once.
import { createHmac, timingSafeEqual } from "node:crypto";

import { revalidatePath, revalidateTag } from "next/cache";

/** How far Brand Hub's clock and ours may disagree, and how long a signed call may be replayed. */
const TOLERANCE_SECONDS = 5 * 60;
const EVENTS = ["page_published", "page_unpublished", "page_moved", "page_deleted", "settings_changed"];

function problem(status: number, detail: string, field: string | null = null) {
  return Response.json({ detail, errors: field ? [{ field, message: detail }] : [] }, { status });
}

/** Whether `signature` is `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` under `secret`. */
function signedBy(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

type Payload = { event: string; pages: { id: number; locale: string; path: string }[]; tags: string[] };

function parse(body: string): Payload | string {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return "body";
  }
  if (typeof data !== "object" || data === null) return "body";
  const { event, pages = [], tags = [] } = data as Record<string, unknown>;
  if (typeof event !== "string" || !EVENTS.includes(event)) return "event";
  if (!Array.isArray(pages) || !pages.every((page) => typeof page?.path === "string" && page.path.startsWith("/")))
    return "pages";
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === "string" && tag.length > 0 && tag.length <= 256))
    return "tags";
  return { event, pages, tags };
}

export async function POST(request: Request) {
  const secret = process.env.FRONTEND_REVALIDATE_SECRET;
  if (!secret) return problem(503, "FRONTEND_REVALIDATE_SECRET is not set: this frontend accepts no revalidation call.");
  const body = await request.text();
  const timestamp = request.headers.get("x-brand-hub-timestamp") ?? "";
  const signature = request.headers.get("x-brand-hub-signature") ?? "";
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    return problem(401, "X-Brand-Hub-Timestamp is missing or more than 5 minutes off.", "X-Brand-Hub-Timestamp");
  }
  if (!signedBy(secret, timestamp, body, signature)) {
    return problem(401, "X-Brand-Hub-Signature does not match the body.", "X-Brand-Hub-Signature");
  }
  const payload = parse(body);
  if (typeof payload === "string") return problem(400, `The call's ${payload} is not as Brand Hub sends it.`, payload);
  // Expired at once, not served stale: an editor who publishes expects the next visit to show it.
  for (const tag of payload.tags) revalidateTag(tag, { expire: 0 });
  for (const page of payload.pages) revalidatePath(page.path);
  return Response.json({ revalidated: { tags: payload.tags, paths: payload.pages.map((page) => page.path) } });
}
