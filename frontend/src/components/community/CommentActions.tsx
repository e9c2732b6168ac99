"use client";
// What a signed-in person does with one comment: like or dislike someone else's (the counts follow),
// and behind a "More" button edit (within the API's edit window) or delete their own, or report
// someone else's with a reason. The API's refusals are shown as its message.
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useState } from "react";

import type { CommentThread, FlagReason, ReactionValue } from "@/api";
import { useProjectWrite } from "@/lib/browser-session";
import { format, type Locale, messages, plural } from "@/lib/i18n";

import { TextAreaField } from "./TextAreaField";

type Panel = "closed" | "menu" | "edit" | "delete" | "flag";

/** The comment's words as plain paragraphs, for the edit box (the API turns blank lines back into paragraphs). */
function plainText(html: string): string {
  const body = new DOMParser().parseFromString(html, "text/html").body;
  const blocks = Array.from(body.children);
  return (blocks.length > 0 ? blocks.map((block) => block.textContent ?? "") : [body.textContent ?? ""]).join("\n\n").trim();
}

function timeOf(locale: Locale, value: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(new Date(value));
}

/** A form's submit button (or, with `onConfirm`, a confirming button that takes the focus) and its cancel button. */
function ConfirmOrCancel({
  label,
  busy,
  cancel,
  onCancel,
  onConfirm,
}: {
  label: string;
  busy: boolean;
  cancel: string;
  onCancel: () => void;
  onConfirm?: () => void;
}) {
  return (
    <p className="actions">
      <button type={onConfirm ? "button" : "submit"} className="button" disabled={busy} onClick={onConfirm} autoFocus={Boolean(onConfirm)}>
        {label}
      </button>
      <button type="button" className="button secondary" onClick={onCancel}>
        {cancel}
      </button>
    </p>
  );
}

export function CommentActions({
  locale,
  comment,
  authorName,
}: {
  locale: Locale;
  comment: Pick<
    CommentThread,
    "id" | "html" | "state" | "is_mine" | "editable_until" | "can_react" | "like_count" | "dislike_count" | "my_reaction"
  >;
  authorName: string;
}) {
  const t = messages(locale);
  const c = t.community;
  const router = useRouter();
  const id = useId();
  const [panel, setPanel] = useState<Panel>("closed");
  const { busy, problem, fields, write, clear } = useProjectWrite(locale);
  const [done, setDone] = useState<string | null>(null);
  const [reactions, setReactions] = useState({
    like: comment.like_count,
    dislike: comment.dislike_count,
    mine: comment.my_reaction ?? null,
  });
  // The edit window is judged by the browser's clock once it runs (the server's render has no "now"),
  // and closes on the page as time passes.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const every = window.setInterval(tick, 30_000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(every);
    };
  }, []);

  const removed = comment.state === "removed";
  const editableUntil = comment.editable_until ? Date.parse(comment.editable_until) : null;
  const mayEdit = comment.is_mine && !removed && editableUntil !== null && now !== null && now < editableUntil;
  const hasMenu = (comment.is_mine && !removed) || comment.can_react;

  async function react(value: ReactionValue) {
    const withdraw = reactions.mine === value;
    const ok = await write((project) => {
      const path = { params: { path: { comment_id: comment.id } } };
      return withdraw
        ? project.DELETE("/api/community/comments/{comment_id}/reaction", path)
        : project.PUT("/api/community/comments/{comment_id}/reaction", { ...path, body: { value } });
    });
    if (!ok) return;
    setReactions((before) => {
      const counts = { like: before.like, dislike: before.dislike };
      if (before.mine) counts[before.mine] -= 1;
      if (!withdraw) counts[value] += 1;
      return { ...counts, mine: withdraw ? null : value };
    });
  }

  async function edit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("text") ?? "");
    const ok = await write(
      (project) => project.PATCH("/api/community/comments/{comment_id}", { params: { path: { comment_id: comment.id } }, body: { text } }),
      ["text"],
    );
    if (ok) {
      setPanel("closed");
      setDone(c.commentEdited);
      router.refresh();
    }
  }

  async function remove() {
    const ok = await write((project) =>
      project.DELETE("/api/community/comments/{comment_id}", { params: { path: { comment_id: comment.id } } }),
    );
    if (ok) {
      setPanel("closed");
      setDone(c.commentDeleted);
      router.refresh();
    }
  }

  async function flag(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const ok = await write(
      (project) =>
        project.POST("/api/community/comments/{comment_id}/flags", {
        params: { path: { comment_id: comment.id } },
          body: { reason: String(data.get("reason")) as FlagReason, note: String(data.get("note") ?? "") },
        }),
      ["note"],
    );
    if (ok) {
      setPanel("closed");
      setDone(c.flagReceived);
    }
  }

  function open(next: Panel) {
    clear();
    setDone(null);
    setPanel(next);
  }

  const counts = (
    <>
      {plural(locale, t.likes, reactions.like)} · {plural(locale, c.dislikes, reactions.dislike)}
    </>
  );

  return (
    <div className="comment-actions">
      {comment.can_react ? (
        <p className="actions" role="group" aria-label={format(c.reactionsTo, { name: authorName })}>
          {(["like", "dislike"] as const).map((value) => (
            <button
              key={value}
              type="button"
              className="button secondary"
              aria-pressed={reactions.mine === value}
              disabled={busy}
              onClick={() => react(value)}
            >
              {c[value]}
            </button>
          ))}
          <span className="meta" aria-live="polite">
            {counts}
          </span>
        </p>
      ) : (
        !removed && (reactions.like > 0 || reactions.dislike > 0) && <p className="meta">{counts}</p>
      )}
      {comment.is_mine && !removed && editableUntil !== null && now !== null && (
        <p className="meta">
          {mayEdit ? format(c.editableUntil, { time: timeOf(locale, comment.editable_until!) }) : c.editWindowClosed}
        </p>
      )}
      <p role="status" className="meta">
        {done}
      </p>
      {hasMenu && (
        <p className="actions">
          <button
            type="button"
            className="button secondary"
            aria-expanded={panel !== "closed"}
            aria-controls={`${id}-panel`}
            aria-label={format(c.moreActionsFor, { name: authorName })}
            onClick={() => (panel === "closed" ? open("menu") : open("closed"))}
          >
            {c.moreActions}
          </button>
        </p>
      )}
      <div id={`${id}-panel`}>
        <div role="alert">{problem && <p className="form-error">{problem}</p>}</div>
        {panel === "menu" && (
          <ul className="inline-list comment-menu" aria-label={c.commentActions}>
            {comment.is_mine && !removed && (
              <>
                <li>
                  <button type="button" className="button secondary" disabled={!mayEdit} onClick={() => open("edit")}>
                    {c.edit}
                  </button>
                </li>
                <li>
                  <button type="button" className="button secondary" onClick={() => open("delete")}>
                    {c.delete}
                  </button>
                </li>
              </>
            )}
            {comment.can_react && (
              <li>
                <button type="button" className="button secondary" onClick={() => open("flag")}>
                  {c.report}
                </button>
              </li>
            )}
          </ul>
        )}
        {panel === "edit" && (
          <form className="stacked-form" onSubmit={edit} aria-label={c.editComment} noValidate>
            <TextAreaField
              id={`${id}-text`}
              name="text"
              label={c.editComment}
              rows={4}
              maxLength={5000}
              required
              autoFocus
              defaultValue={comment.html ? plainText(comment.html) : ""}
              problems={fields.text ?? []}
            />
            <ConfirmOrCancel label={busy ? c.saving : c.saveChanges} busy={busy} cancel={t.cancel} onCancel={() => open("closed")} />
          </form>
        )}
        {panel === "delete" && (
          <div className="confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>{c.confirmDelete}</p>
            <ConfirmOrCancel label={c.deleteComment} busy={busy} cancel={t.cancel} onCancel={() => open("closed")} onConfirm={remove} />
          </div>
        )}
        {panel === "flag" && (
          <form className="stacked-form" onSubmit={flag} aria-label={format(c.reportCommentBy, { name: authorName })} noValidate>
            <p className="field">
              <label htmlFor={`${id}-reason`}>{c.reason}</label>
              <select id={`${id}-reason`} name="reason" defaultValue="spam" autoFocus>
                {Object.entries(c.flagReasons).map(([reason, name]) => (
                  <option key={reason} value={reason}>
                    {name}
                  </option>
                ))}
              </select>
            </p>
            <TextAreaField id={`${id}-note`} name="note" label={c.note} rows={2} maxLength={500} problems={fields.note ?? []} />
            <ConfirmOrCancel label={c.sendReport} busy={busy} cancel={t.cancel} onCancel={() => open("closed")} />
          </form>
        )}
      </div>
    </div>
  );
}
