// When a board or a challenge takes ideas and votes, and what to say when it does not: the API's own
// rules (brand_hub/ideas/services.py), told to people before they try. The API still decides: its
// refusal, when it comes, is shown as it words it.
import type { ChallengePhase, PageOf } from "@/api";

import { format, formatDate, type Locale, messages } from "./i18n";

type Board = Pick<PageOf<"ideas.IdeaBoardPage">, "accepts_ideas" | "accepts_votes">;
type Challenge = Pick<
  PageOf<"ideas.IdeaChallengePage">,
  "collecting_starts_at" | "collecting_ends_at" | "voting_ends_at" | "review_ends_at"
>;
export type IdeaParent = ({ type: "ideas.IdeaBoardPage" } & Board) | ({ type: "ideas.IdeaChallengePage" } & Challenge);

/**
 * The challenge's phase at `now`, from its dates as the API decides it (IdeaChallengePage.phase_at):
 * the page's own `phase` is as old as the cached page, and a phase ends at a precise moment.
 */
export function challengePhase(challenge: Challenge, now: Date = new Date()): ChallengePhase {
  const moment = now.getTime();
  if (moment < Date.parse(challenge.collecting_starts_at)) return "upcoming";
  if (moment < Date.parse(challenge.collecting_ends_at)) return "collecting";
  if (moment < Date.parse(challenge.voting_ends_at)) return "voting";
  if (moment < Date.parse(challenge.review_ends_at)) return "review";
  return "closed";
}

/** Why `parent` takes no ideas now, or null when it does. */
export function whyNoIdeas(parent: IdeaParent, locale: Locale, now: Date = new Date()): string | null {
  const t = messages(locale).ideaSubmission;
  if (parent.type === "ideas.IdeaBoardPage") return parent.accepts_ideas ? null : t.boardClosedForIdeas;
  const phase = challengePhase(parent, now);
  if (phase === "collecting") return null;
  if (phase === "upcoming") return format(t.ideasFrom, { date: formatDate(locale, parent.collecting_starts_at, true) });
  return t.noLongerCollecting;
}

/** Why the ideas of `parent` take no votes now, or null when they do (a challenge: while collecting and voting). */
export function whyNoVotes(parent: IdeaParent, locale: Locale, now: Date = new Date()): string | null {
  const t = messages(locale).ideaSubmission;
  if (parent.type === "ideas.IdeaBoardPage") return parent.accepts_votes ? null : t.boardClosedForVotes;
  switch (challengePhase(parent, now)) {
    case "collecting":
    case "voting":
      return null;
    case "upcoming":
      return format(t.votingNotOpen, { date: formatDate(locale, parent.collecting_starts_at, true) });
    case "review":
      return format(t.votingEndedReview, { date: formatDate(locale, parent.review_ends_at, true) });
    case "closed":
      return t.votingEndedClosed;
  }
}
