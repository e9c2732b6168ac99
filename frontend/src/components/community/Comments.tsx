// A page's discussion: threads with their replies, kinds, held and removed states (as the viewer may
// see them), the box to post a comment and a reply button under each open comment.
import type { CommentThread } from "@/api";
import { RichText } from "@/components/site/RichText";
import { labelOf } from "@/components/site/labels";
import { getComments } from "@/lib/brand-hub";
import { formatDate, type Locale, messages, plural } from "@/lib/i18n";

import { CommentActions } from "./CommentActions";
import { CommentForm } from "./CommentForm";
import { personPath } from "./ProposedBy";

/** A comment and all its replies. */
function size(comment: CommentThread): number {
  return 1 + comment.replies.reduce((total, reply) => total + size(reply), 0);
}

function Thread({
  comment,
  locale,
  path,
  threadLocked = comment.locked,
}: {
  comment: CommentThread;
  locale: Locale;
  path: string;
  /** Whether the thread this comment is in is locked (a moderator locks a thread at its first comment). */
  threadLocked?: boolean;
}) {
  const t = messages(locale);
  const authorName = comment.author?.display_name ?? t.anonymous;
  return (
    <li className="comment" id={`comment-${comment.id}`}>
      <article aria-label={authorName}>
        <p className="meta">
          <strong>
            {comment.author ? <a href={personPath(locale, comment.author.id)}>{comment.author.display_name}</a> : t.anonymous}
          </strong>{" "}
          ·{" "}
          <time dateTime={comment.created_at}>{formatDate(locale, comment.created_at)}</time> ·{" "}
          {labelOf(t.commentKinds, comment.kind)}
          {comment.edited_at && (
            <>
              {" "}
              · <span title={formatDate(locale, comment.edited_at, true)}>{t.edited}</span>
            </>
          )}
          {comment.pinned && <> · {t.pinned}</>}
          {comment.locked && <> · {t.locked}</>}
        </p>
        {comment.state === "removed" ? (
          <p>
            <em>{t.commentRemoved}</em>
          </p>
        ) : (
          <>
            {comment.state === "held" && (
              <p className="held">
                <em>{comment.is_mine ? t.community.yourCommentIsHeld : t.commentHeld}</em>
              </p>
            )}
            <RichText html={comment.html} />
          </>
        )}
        <CommentActions locale={locale} comment={comment} authorName={authorName} />
        {comment.locked && <p className="meta">{t.community.threadLocked}</p>}
        {comment.state === "published" && !threadLocked && (
          <CommentForm
            locale={locale}
            pageId={comment.page_id}
            path={path}
            parent={{ id: comment.id, authorName }}
          />
        )}
      </article>
      {comment.replies.length > 0 && (
        <ol>
          {comment.replies.map((reply) => (
            <Thread key={reply.id} comment={reply} locale={locale} path={path} threadLocked={threadLocked} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** `path`: the page's address, where the log-in link comes back to. */
export async function Comments({ pageId, locale, path }: { pageId: number; locale: Locale; path: string }) {
  const t = messages(locale);
  const threads = await getComments(pageId);
  return (
    <section aria-labelledby="discussion">
      <h2 id="discussion">{t.discussion}</h2>
      {threads.items.length === 0 ? (
        <p>{t.noComments}</p>
      ) : (
        <>
          <p className="meta">{plural(locale, t.commentCount, threads.items.reduce((total, thread) => total + size(thread), 0))}</p>
          <ol className="comments">
            {threads.items.map((thread) => (
              <Thread key={thread.id} comment={thread} locale={locale} path={path} />
            ))}
          </ol>
        </>
      )}
      <CommentForm locale={locale} pageId={pageId} path={path} />
    </section>
  );
}
