import { IdeaList } from "@/components/community/IdeaList";
import { IdeaSubmissionForm } from "@/components/community/IdeaSubmissionForm";
import { PageActions } from "@/components/community/PageActions";
import { ResponsiveImage } from "@/components/site/ResponsiveImage";
import { RichText } from "@/components/site/RichText";
import { labelOf } from "@/components/site/labels";
import { formatDate, messages } from "@/lib/i18n";
import { challengePhase, whyNoIdeas } from "@/lib/idea-rules";

import type { PageProps } from "./types";

export function IdeaBoardPage({ page, locale, path, query }: PageProps<"ideas.IdeaBoardPage">) {
  const t = messages(locale);
  return (
    <>
      <h1>{page.title}</h1>
      <PageActions page={page} locale={locale} path={path} />
      {page.intro && <p className="lead">{page.intro}</p>}
      <p>
        {page.accepts_ideas && <span className="badge">{t.acceptsIdeas}</span>}{" "}
        {page.accepts_votes && <span className="badge">{t.acceptsVotes}</span>}
      </p>
      {page.guidelines && (
        <section aria-labelledby="guidelines">
          <h2 id="guidelines">{t.guidelines}</h2>
          <RichText html={page.guidelines} />
        </section>
      )}
      <IdeaSubmissionForm locale={locale} parentId={page.id} path={path} closed={whyNoIdeas(page, locale)} />
      <IdeaList scope={{ board: page.id }} locale={locale} path={path} query={query} />
    </>
  );
}

export function IdeaChallengePage({ page, locale, path, query }: PageProps<"ideas.IdeaChallengePage">) {
  const t = messages(locale);
  const dates = [
    [t.collectingStartsAt, page.collecting_starts_at],
    [t.collectingEndsAt, page.collecting_ends_at],
    [t.votingEndsAt, page.voting_ends_at],
    [t.reviewEndsAt, page.review_ends_at],
  ] as const;
  return (
    <>
      <div className="two-columns">
        <div>
          <h1>{page.title}</h1>
          <PageActions page={page} locale={locale} path={path} />
          <p className="lead">{page.question}</p>
          <p>
            {t.phase}: <span className="badge">{labelOf(t.phases, challengePhase(page))}</span>
          </p>
          <RichText html={page.description} className="prose" />
        </div>
        <aside>
          {page.cover_image && <ResponsiveImage image={page.cover_image} sizes="22rem" priority />}
          <h2>{t.keyDates}</h2>
          <dl className="dates">
            {dates.map(([label, value]) => (
              <div key={label} style={{ display: "contents" }}>
                <dt>{label}</dt>
                <dd>
                  <time dateTime={value}>{formatDate(locale, value, true)}</time>
                </dd>
              </div>
            ))}
          </dl>
          {page.reward && (
            <>
              <h2>{t.reward}</h2>
              <RichText html={page.reward} />
            </>
          )}
        </aside>
      </div>
      <IdeaSubmissionForm locale={locale} parentId={page.id} path={path} closed={whyNoIdeas(page, locale)} />
      <IdeaList scope={{ challenge: page.id }} locale={locale} path={path} query={query} />
    </>
  );
}
