"use client";
// Following a page (an idea, a challenge, a board, a group, a blog post) to hear of its new comments
// and, for ideas, of the brand's answers; or stopping. A visitor gets a link to log in.
import { useState } from "react";

import { logInHref, useProjectWrite } from "@/lib/browser-session";
import { format, type Locale, messages } from "@/lib/i18n";

export function FollowButton({
  locale,
  pageId,
  title,
  path,
  initial,
}: {
  locale: Locale;
  pageId: number;
  title: string;
  /** The page's address, where the log-in link comes back to. */
  path: string;
  /** Whether the viewer follows it, as the server read it; null for a visitor. */
  initial: boolean | null;
}) {
  const c = messages(locale).community;
  const [following, setFollowing] = useState(initial);
  const { busy, problem, write } = useProjectWrite(locale);

  if (following === null) return <a href={logInHref(locale, path)}>{c.logInToFollow}</a>;

  async function toggle() {
    const done = await write((project) =>
      following
        ? project.DELETE("/api/community/follows/{page_id}", { params: { path: { page_id: pageId } } })
        : project.POST("/api/community/follows/", { body: { page_id: pageId } }),
    );
    if (done) setFollowing(!following);
  }

  return (
    <span className="follow">
      <button
        type="button"
        className={following ? "button secondary" : "button"}
        aria-pressed={following}
        aria-describedby={`follow-${pageId}`}
        onClick={toggle}
        disabled={busy}
      >
        {following && <span aria-hidden="true">✓ </span>}
        {c.follow}
      </button>
      <span id={`follow-${pageId}`} className="meta">
        {following ? format(c.youFollow, { title }) : c.followHint}
      </span>
      <span role="alert">{problem && <span className="form-error">{problem}</span>}</span>
    </span>
  );
}
