"use client";
// An idea's votes and the button to vote or withdraw. When the board or challenge takes no votes
// (a challenge upcoming, in review or closed) it says why instead of offering the button; the API
// still decides, and its message is shown when it refuses (voting closed, already voted). A visitor
// gets a link to log in.
import { useState } from "react";

import { logInHref, useProjectWrite, useViewer } from "@/lib/browser-session";
import { type Locale, messages, plural } from "@/lib/i18n";

export function VoteButton({
  locale,
  ideaId,
  path,
  initial,
  closed = null,
}: {
  locale: Locale;
  ideaId: number;
  /** The idea's address, where the log-in link comes back to. */
  path: string;
  /** The votes as the server read them, with the viewer's session. */
  initial: { voteCount: number; hasVoted: boolean };
  /** Why the idea takes no votes now (lib/idea-rules.ts), or null when it does. */
  closed?: string | null;
}) {
  const t = messages(locale);
  const viewer = useViewer(locale);
  const [votes, setVotes] = useState(initial);
  const { busy, problem, write } = useProjectWrite(locale);

  async function toggle() {
    const request = { params: { path: { idea_id: ideaId } } };
    const answer = await write((project) =>
      votes.hasVoted
        ? project.DELETE("/api/community/ideas/{idea_id}/vote", request)
        : project.POST("/api/community/ideas/{idea_id}/vote", request),
    );
    if (answer && answer !== true) setVotes({ voteCount: answer.vote_count, hasVoted: answer.has_voted });
  }

  return (
    <div className="votes">
      <p>
        <span className="vote-count" aria-live="polite">
          {plural(locale, t.votes, votes.voteCount)}
          {votes.hasVoted && <> · {t.youVoted}</>}
        </span>{" "}
        {closed ? (
          <span className="voting-closed">
            <strong>{t.ideaSubmission.votingClosed}:</strong> {closed}
          </span>
        ) : viewer?.signedIn ? (
          <button type="button" className={votes.hasVoted ? "button secondary" : "button"} onClick={toggle} disabled={busy}>
            {votes.hasVoted ? t.withdrawVote : t.voteForIdea}
          </button>
        ) : viewer ? (
          <a href={logInHref(locale, path)}>{t.logInToVote}</a>
        ) : null}
      </p>
      <div role="alert">{problem && <p className="form-error">{problem}</p>}</div>
    </div>
  );
}
