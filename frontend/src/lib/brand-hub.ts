// The server's reads from Brand Hub: every call goes through the generated client, and content reads
// are cached under the tags Brand Hub's revalidation call names (app/api/revalidate/route.ts).
import { cookies } from "next/headers";

import {
  type CommentSearchQuery,
  createBrandHubClients,
  type EverythingSearchQuery,
  type IdeaListQuery,
  type IdeaSearchQuery,
  type PageDetail,
  type PageType,
} from "@/api";

import type { Locale } from "./i18n";
import { apiOrigin } from "./origins";

/** How long cached content may be served when no revalidation call arrives (a safety net). */
const CONTENT_SECONDS = 3600;

/** Cache tags, as Brand Hub's revalidation call names them. */
export const tags = {
  page: (id: number) => `page:${id}`,
  pages: "pages",
  settings: (locale: string) => `settings:${locale}`,
};

function clients() {
  return createBrandHubClients(apiOrigin());
}

/** A fetch for openapi-fetch that caches the answer under `cacheTags` in Next.js's data cache. */
function cached(...cacheTags: string[]) {
  return (request: Request) => fetch(request, { cache: "force-cache", next: { tags: cacheTags, revalidate: CONTENT_SECONDS } });
}

/** A fetch for community data (members, ideas, votes, comments): always fresh. */
const live = (request: Request) => fetch(request, { cache: "no-store" });

/** Django's session cookie, as the browser holds it on this origin (src/proxy.ts forwards /api/). */
const SESSION_COOKIE = "sessionid";

/**
 * A fetch for what depends on who is looking (one's own votes, one's comments held for review):
 * always fresh, with the visitor's session cookie and nothing else of theirs.
 */
async function asViewer() {
  const session = (await cookies()).get(SESSION_COOKIE);
  return (request: Request) => {
    if (session) request.headers.set("Cookie", `${SESSION_COOKIE}=${session.value}`);
    return fetch(request, { cache: "no-store" });
  };
}

export class BrandHubError extends Error {
  constructor(what: string, status: number) {
    super(`Brand Hub answered ${status} to ${what}`);
  }
}

function check<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new BrandHubError(what, result.response.status);
  return result.data;
}

export async function getSiteSettings(locale: Locale) {
  const result = await clients().project.GET("/api/site-settings/", {
    params: { query: { locale } },
    fetch: cached(tags.settings(locale)),
  });
  return check("site settings", result);
}

export type RouteEntry = { id: number; path: string; lastPublished: string | null };

/** A link to a page of this frontend from its `html_url` (the API's host may differ from this frontend's). */
export function hrefOf(htmlUrl: string | null | undefined): string {
  return htmlUrl ? new URL(htmlUrl, "http://frontend.invalid").pathname : "#";
}

/** The address path of a page from its `html_url` (the API's host may differ from this frontend's). */
export function pathOf(htmlUrl: string | null | undefined): string | null {
  if (!htmlUrl) return null;
  try {
    return decodeURI(new URL(htmlUrl, "http://frontend.invalid").pathname);
  } catch {
    return null;
  }
}

/**
 * Every live page of `locale` by its path (/pl/blog/post/), for the sitemap: the locale's pages
 * listed 100 a request, cached under `pages` (every publish, move or deletion revalidates it).
 */
export async function getRoutes(locale: Locale): Promise<Map<string, RouteEntry>> {
  const routes = new Map<string, RouteEntry>();
  const limit = 100;
  for (let offset = 0; ; offset += limit) {
    const result = await clients().content.GET("/api/v3/pages/", {
      params: { query: { locale, limit, offset } },
      fetch: cached(tags.pages),
    });
    const { items, count } = check("pages listing", result);
    for (const item of items) {
      const path = pathOf(item.meta.html_url);
      if (path) routes.set(path, { id: item.id, path, lastPublished: item.meta.first_published_at ?? null });
    }
    if (offset + limit >= count) return routes;
  }
}

/**
 * The page at `path` (/pl/blog/post/), or null: v3's `find/` routes the locale-prefixed path and
 * redirects to the typed detail. Cached under `pages`, which every publish, move or deletion expires.
 */
export async function findPage(path: string): Promise<PageDetail | null> {
  const find = async (fetch: (request: Request) => Promise<Response>) => {
    const result = await clients().content.GET("/api/v3/pages/find/", { params: { query: { html_path: path } }, fetch });
    return result.response.status === 404 ? null : check(`the page at ${path}`, result);
  };
  return (await find(cached(tags.pages))) ?? (await asMember(find));
}

/**
 * A page the public cannot read may be an internal space (a challenge or group for employees) that
 * the signed-in visitor belongs to: asked again with their session, never cached, only when they
 * have one, so the public's answers stay shared.
 */
async function asMember<T>(read: (fetch: (request: Request) => Promise<Response>) => Promise<T | null>) {
  if (!(await cookies()).get(SESSION_COOKIE)) return null;
  return read(await asViewer());
}

/** Where an address that names no page now leads, from the site's redirects. */
export type RedirectTarget = { location: string; permanent: boolean };

/**
 * The redirect stored for `path` (a moved or renamed page, an idea merged into another, one an editor
 * made), or null. Asked only for addresses that found no page, and never cached: a redirect made in
 * the admin is not announced to the frontend, and a cached "none" would hide it.
 */
export async function findRedirect(path: string): Promise<RedirectTarget | null> {
  const result = await clients().content.GET("/api/v3/redirects/find/", {
    params: { query: { html_path: path } },
    fetch: live,
  });
  if (result.response.status === 404) return null;
  const redirect = check(`the redirect from ${path}`, result);
  const permanent = redirect.is_permanent;
  if (redirect.redirect_page_id !== null) {
    const page = await getPage(redirect.redirect_page_id);
    const location = page ? pathOf(page.meta.html_url) : null;
    return location ? { location: encodeURI(location), permanent } : null;
  }
  return redirect.redirect_link ? { location: redirect.redirect_link, permanent } : null;
}

/** The draft behind the token of the admin's preview link, never cached; null for a bad, expired or cleared token. */
export async function getPreview(token: string): Promise<PageDetail | null> {
  const result = await clients().content.GET("/api/v3/page-preview/", { params: { query: { token } }, fetch: live });
  if (result.response.status === 400 || result.response.status === 404) return null;
  return check("the preview", result);
}

export async function getPage(id: number): Promise<PageDetail | null> {
  const get = async (fetch: (request: Request) => Promise<Response>) => {
    const result = await clients().content.GET("/api/v3/pages/{page_id}/", { params: { path: { page_id: id } }, fetch });
    return result.response.status === 404 ? null : check(`page ${id}`, result);
  };
  return (await get(cached(tags.page(id), tags.pages))) ?? (await asMember(get));
}

export async function getPageCards(query: {
  type?: PageType[];
  child_of?: number;
  locale: Locale;
  order?: string[];
  limit: number;
  offset: number;
  /** A blog topic: Wagtail's field filter `topics=`, which v3 applies to a `type`'s listing. */
  topic?: string;
  /**
   * Listed as the signed-in visitor reads them (their internal challenges and groups too), never
   * cached; a visitor without a session gets the shared, cached listing.
   */
  personal?: boolean;
}) {
  const { topic, personal, ...filters } = query;
  // The field filter is Wagtail's own and not in v3's document; it rides along with the typed filters.
  const parameters: typeof filters = topic ? Object.assign({ topics: topic }, filters) : filters;
  const signedIn = personal && (await cookies()).get(SESSION_COOKIE);
  const result = await clients().content.GET("/api/v3/page-cards/", {
    params: { query: parameters },
    fetch: signedIn ? await asViewer() : cached(tags.pages),
  });
  return check("page cards", result);
}

/** A group with the viewer's place in it (member or not). */
export async function getGroup(groupId: number) {
  const result = await clients().project.GET("/api/community/groups/{group_id}/", {
    params: { path: { group_id: groupId } },
    fetch: await asViewer(),
  });
  return check(`group ${groupId}`, result);
}

export async function getGroupMembers(groupId: number, limit: number, offset: number) {
  const result = await clients().project.GET("/api/community/groups/{group_id}/members", {
    params: { path: { group_id: groupId }, query: { limit, offset } },
    fetch: live,
  });
  return check(`members of group ${groupId}`, result);
}

export async function getIdeas(query: IdeaListQuery) {
  const result = await clients().project.GET("/api/community/ideas/", { params: { query }, fetch: await asViewer() });
  return check("ideas", result);
}

/**
 * An idea as the ideas listing shows it (votes), found among its board's or challenge's ideas: the
 * project API has no detail endpoint for one idea.
 */
export async function getIdeaListing(ideaId: number, parent: { id: number; type: string }) {
  const scope = parent.type === "ideas.IdeaChallengePage" ? { challenge: parent.id } : { board: parent.id };
  const limit = 100;
  for (let offset = 0; offset < 100_000; offset += limit) {
    const page = await getIdeas({ ...scope, sort: "newest", limit, offset });
    const idea = page.items.find((item) => item.id === ideaId);
    if (idea) return idea;
    if (offset + limit >= page.count) return null;
  }
  return null;
}

export async function getIdeaHistory(ideaId: number) {
  const result = await clients().project.GET("/api/community/ideas/{idea_id}/history", {
    params: { path: { idea_id: ideaId } },
    fetch: live,
  });
  return check(`history of idea ${ideaId}`, result);
}

export async function getComments(pageId: number, limit = 50) {
  const result = await clients().project.GET("/api/community/comments/", {
    params: { query: { page_id: pageId, sort: "oldest", limit } },
    fetch: await asViewer(),
  });
  return check(`comments of page ${pageId}`, result);
}

/**
 * The signed-in visitor's own ideas, drafts included, with where each stands in review; null for a
 * visitor. In `locale`: links in the brand's responses (an idea merged into another) go to that
 * language's page.
 */
export async function getMyIdeas(locale: Locale, limit: number, offset: number) {
  const result = await clients().project.GET("/api/community/ideas/mine/", {
    params: { query: { limit, offset } },
    headers: { "Accept-Language": locale },
    fetch: await asViewer(),
  });
  if (result.response.status === 401) return null;
  return check("my ideas", result);
}

/** A search's answer, or why there is none: a refused query (its message) or search being down. */
export type Searched<T> = { results: T } | { refused: string } | { unavailable: true };

function searched<T>(
  what: string,
  result: { data?: T; error?: { detail: string; errors?: { message: string }[] }; response: Response },
): Searched<T> {
  if (result.data !== undefined) return { results: result.data };
  if (result.response.status === 503) return { unavailable: true };
  if (result.response.status === 400 && result.error) {
    return { refused: result.error.errors?.[0]?.message ?? result.error.detail };
  }
  throw new BrandHubError(what, result.response.status);
}

/** Messages of a refused search in the page's language; published hits only (no viewer's session). */
function searchOptions(locale: Locale) {
  return { headers: { "Accept-Language": locale }, fetch: live };
}

export async function searchEverything(locale: Locale, query: EverythingSearchQuery) {
  const result = await clients().project.GET("/api/search", { params: { query }, ...searchOptions(locale) });
  return searched("search", result);
}

export async function searchComments(locale: Locale, query: CommentSearchQuery) {
  const result = await clients().project.GET("/api/search/comments", { params: { query }, ...searchOptions(locale) });
  return searched("comment search", result);
}

export async function searchIdeas(locale: Locale, query: IdeaSearchQuery) {
  const result = await clients().project.GET("/api/search/ideas", { params: { query }, ...searchOptions(locale) });
  return searched("idea search", result);
}

/** What a password reset link's key opens (the account's e-mail address), or null when it is invalid, expired or used. */
export async function checkPasswordResetKey(key: string) {
  const result = await clients().accounts.GET("/_allauth/{client}/v1/auth/password/reset", {
    params: { path: { client: "browser" }, header: { "X-Password-Reset-Key": key } },
    fetch: live,
  });
  if (result.response.status === 400) return null;
  return { email: check("the password reset key", result).data.user?.email ?? null };
}

/** The signed-in visitor's own profile (read with their session cookie), or null for a visitor. */
export async function getMyProfile() {
  const result = await clients().project.GET("/api/community/me/", { fetch: await asViewer() });
  if (result.response.status === 401) return null;
  return check("my profile", result);
}

/**
 * A prosumer's public profile, or null when there is no such person (or no longer); in `locale`: the
 * reputation's breakdown and badges come labelled in it.
 */
export async function getPublicProfile(userId: number, locale: Locale) {
  const result = await clients().project.GET("/api/community/people/{user_id}/", {
    params: { path: { user_id: userId } },
    headers: { "Accept-Language": locale },
    fetch: live,
  });
  if (result.response.status === 404) return null;
  return check(`the profile of person ${userId}`, result);
}

/** Whether the viewer follows the page: null for a visitor (the follows are a signed-in person's). */
export async function getFollowing(pageId: number): Promise<boolean | null> {
  const result = await clients().project.GET("/api/community/follows/", {
    params: { query: { page_id: pageId, limit: 1 } },
    fetch: await asViewer(),
  });
  if (result.response.status === 401) return null;
  return check(`follows of page ${pageId}`, result).count > 0;
}

/** The viewer's notifications, newest first; null for a visitor. */
export async function getNotifications(limit: number, offset: number) {
  const result = await clients().project.GET("/api/community/notifications/", {
    params: { query: { limit, offset } },
    fetch: await asViewer(),
  });
  if (result.response.status === 401) return null;
  return check("notifications", result);
}

/**
 * One page of the viewer's feed from `cursor` (the page before's `next_cursor`): null for a visitor,
 * "bad cursor" when the API refuses the cursor (an address altered or from another feed).
 */
export async function getFeed(limit: number, cursor: string | null) {
  const result = await clients().project.GET("/api/community/feed", {
    params: { query: { limit, cursor } },
    fetch: await asViewer(),
  });
  if (result.response.status === 401) return null;
  if (result.response.status === 400 && cursor) return "bad cursor" as const;
  return check("the feed", result);
}

/** How the viewer hears of each kind of notification, kinds labelled in `locale`; null for a visitor. */
export async function getNotificationPreferences(locale: Locale) {
  const result = await clients().project.GET("/api/community/me/notification-preferences", {
    headers: { "Accept-Language": locale },
    fetch: await asViewer(),
  });
  if (result.response.status === 401) return null;
  return check("notification preferences", result);
}
