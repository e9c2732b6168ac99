"use client";
// Posting to a page's discussion: a new comment, or (with `parent`) a reply behind a "Reply" button.
// A visitor gets a link to log in instead; the API's answer says whether the comment is published
// or held for review, and its errors are shown beside the text or above the form.
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";

import type { CommentKind } from "@/api";
import { browserClients, ensureCsrfToken, logInHref, problemsOf, useViewer } from "@/lib/browser-session";
import { format, type Locale, messages } from "@/lib/i18n";

import { TextAreaField } from "./TextAreaField";

type Problems = { detail: string | null; text: string[] };

export function CommentForm({
  locale,
  pageId,
  path,
  parent,
}: {
  locale: Locale;
  pageId: number;
  /** The page's address, where the log-in link comes back to. */
  path: string;
  /** The comment replied to; without it, a new thread. */
  parent?: { id: number; authorName: string };
}) {
  const t = messages(locale);
  const viewer = useViewer(locale);
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(!parent);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>({ detail: null, text: [] });
  const [posted, setPosted] = useState<string | null>(null);

  if (viewer === null) return null;
  if (!viewer.signedIn) return parent ? null : <a href={logInHref(locale, path)}>{t.logInToComment}</a>;

  async function post(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setPosted(null);
    setProblems({ detail: null, text: [] });
    try {
      const clients = browserClients(locale);
      await ensureCsrfToken(clients);
      const { data: comment, error } = await clients.project.POST("/api/community/comments/", {
        body: {
          page_id: pageId,
          parent_id: parent?.id ?? null,
          text: String(data.get("text") ?? ""),
          // A reply has no kind of its own to choose: the API's default.
          kind: (data.get("kind") as CommentKind | null) ?? "other",
        },
      });
      if (comment) {
        form.reset();
        setPosted(comment.state === "held" ? t.commentHeldForReview : t.commentPosted);
        if (parent) setOpen(false);
        router.refresh();
      } else {
        const { detail, fields } = problemsOf(error, t.errorText);
        setProblems({ detail: fields.text ? null : detail, text: fields.text ?? [] });
      }
    } catch {
      setProblems({ detail: t.unreachable, text: [] });
    }
    setBusy(false);
  }

  const label = parent ? format(t.replyTo, { name: parent.authorName }) : t.postComment;
  return (
    <div className="comment-form">
      <p role="status" className="meta">
        {posted}
      </p>
      {parent && !open ? (
        <button type="button" className="button secondary" aria-label={label} onClick={() => setOpen(true)}>
          {t.reply}
        </button>
      ) : (
        <form className="stacked-form" onSubmit={post} aria-label={label} noValidate>
          <div role="alert">{problems.detail && <p className="form-error">{problems.detail}</p>}</div>
          <TextAreaField
            id={`${id}-text`}
            name="text"
            label={parent ? t.yourReply : t.yourComment}
            rows={4}
            maxLength={5000}
            required
            autoFocus={Boolean(parent)}
            problems={problems.text}
          />
          {!parent && (
            <p className="field">
              <label htmlFor={`${id}-kind`}>{t.commentKind}</label>
              <select id={`${id}-kind`} name="kind" defaultValue="other">
                {Object.entries(t.commentKinds).map(([kind, name]) => (
                  <option key={kind} value={kind}>
                    {name}
                  </option>
                ))}
              </select>
            </p>
          )}
          <p className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? t.posting : parent ? t.postReply : t.postComment}
            </button>
            {parent && (
              <button type="button" className="button secondary" onClick={() => setOpen(false)}>
                {t.cancel}
              </button>
            )}
          </p>
        </form>
      )}
    </div>
  );
}
