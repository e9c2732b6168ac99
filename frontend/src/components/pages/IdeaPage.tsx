import { Comments } from "@/components/community/Comments";
import { PageActions } from "@/components/community/PageActions";
import { ProposedBy } from "@/components/community/ProposedBy";
import { VoteButton } from "@/components/community/VoteButton";
import { RichText } from "@/components/site/RichText";
import { Topics } from "@/components/site/Topics";
import { labelOf } from "@/components/site/labels";
import { getIdeaHistory, getIdeaListing, getPage, hrefOf } from "@/lib/brand-hub";
import { format, formatDate, messages } from "@/lib/i18n";
import { type IdeaParent, whyNoVotes } from "@/lib/idea-rules";

import type { PageProps } from "./types";

export async function IdeaPage({ page, locale, path }: PageProps<"ideas.IdeaPage">) {
  const t = messages(locale);
  const parent = page.meta.parent;
  const [listing, history, parentPage] = await Promise.all([
    parent ? getIdeaListing(page.id, { id: parent.id, type: parent.meta.type ?? "" }) : null,
    getIdeaHistory(page.id),
    parent ? getPage(parent.id) : null,
  ]);
  const votingParent: IdeaParent | null =
    parentPage?.type === "ideas.IdeaBoardPage" || parentPage?.type === "ideas.IdeaChallengePage" ? parentPage : null;
  return (
    <div className="two-columns">
      <article className="prose">
        {parent && (
          <p className="meta">
            <a href={hrefOf(parent.meta.html_url)}>{parent.title}</a>
          </p>
        )}
        <h1>{page.title}</h1>
        <PageActions page={page} locale={locale} path={path} />
        <p>
          <span className="badge">{labelOf(t.statuses, page.status)}</span>
        </p>
        {listing && (
          <VoteButton
            locale={locale}
            ideaId={page.id}
            path={path}
            initial={{ voteCount: listing.vote_count, hasVoted: listing.has_voted }}
            closed={votingParent ? whyNoVotes(votingParent, locale) : null}
          />
        )}
        <ProposedBy locale={locale} name={page.author_name} authorId={page.author_id} />
        <RichText html={page.description} />
        {page.status === "implemented" && page.estimated_value && page.value_kind && (
          <p>
            <strong>{t.ideaSubmission.estimatedValue}:</strong>{" "}
            {format(t.ideaSubmission.valuePerYear, {
              amount: new Intl.NumberFormat(locale, { style: "currency", currency: page.value_currency || "EUR", maximumFractionDigits: 0 }).format(
                Number(page.estimated_value),
              ),
              kind: labelOf(t.ideaSubmission.valueKinds, page.value_kind),
            })}
          </p>
        )}
        <Topics topics={page.topics} label={t.topics} />
        {page.official_response && (
          <section aria-labelledby="official-response" className="call-to-action">
            <h2 id="official-response">{t.officialResponse}</h2>
            <RichText html={page.official_response} />
            {page.official_response_at && (
              <p className="meta">
                <time dateTime={page.official_response_at}>{formatDate(locale, page.official_response_at)}</time>
              </p>
            )}
          </section>
        )}
        <Comments pageId={page.id} locale={locale} path={path} />
      </article>
      <section aria-labelledby="status-history">
        <h2 id="status-history">{t.statusHistory}</h2>
        {history.changes.length === 0 ? (
          <p>{t.noStatusChanges}</p>
        ) : (
          <ol>
            {history.changes.map((change) => (
              <li key={change.changed_at}>
                {format(t.statusChange, {
                  from: labelOf(t.statuses, change.from_status),
                  to: labelOf(t.statuses, change.to_status),
                })}{" "}
                <span className="meta">
                  <time dateTime={change.changed_at}>{formatDate(locale, change.changed_at)}</time>
                </span>
                {change.official_response && <RichText html={change.official_response} />}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
