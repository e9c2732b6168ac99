// "My ideas": the ideas the signed-in prosumer proposed, drafts included, each with its status, where
// it stands in review (waiting, changes requested with the editors' comment, published) and the
// brand's response; a visitor gets a link to log in.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import type { MyIdea } from "@/api";
import { Pagination, pageNumber, requireItems, type Query } from "@/components/site/Pagination";
import { RichText } from "@/components/site/RichText";
import { SiteChrome } from "@/components/site/SiteChrome";
import { labelOf } from "@/components/site/labels";
import { getMyIdeas, getSiteSettings, hrefOf } from "@/lib/brand-hub";
import { format, formatDate, isLocale, type Locale, locales, messages, plural } from "@/lib/i18n";
import { siteOrigin } from "@/lib/origins";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Query> };

const PER_PAGE = 20;

// One's own ideas: read per request with the visitor's session, never cached or prerendered.
export const dynamic = "force-dynamic";

function pathIn(locale: Locale) {
  return `/${locale}/account/ideas/`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = messages(locale).ideaSubmission;
  const settings = await getSiteSettings(locale);
  const languages = Object.fromEntries(locales.map((other) => [other, `${siteOrigin()}${pathIn(other)}`]));
  return {
    title: `${t.myIdeas} · ${settings.site_name}`,
    description: t.myIdeasDescription,
    alternates: { canonical: `${siteOrigin()}${pathIn(locale)}`, languages },
    // A personal page: nothing for search engines.
    robots: { index: false },
  };
}

function MyIdeaItem({ idea, locale }: { idea: MyIdea; locale: Locale }) {
  const t = messages(locale);
  const { moderation } = idea;
  return (
    <li className="card">
      <article className="card-body" aria-labelledby={`my-idea-${idea.id}`}>
        <h2 id={`my-idea-${idea.id}`}>{idea.url ? <a href={hrefOf(idea.url)}>{idea.title}</a> : idea.title}</h2>
        {idea.parent && <p className="meta">{format(t.ideaSubmission.postedIn, { parent: idea.parent.title })}</p>}
        <dl className="dates">
          <dt>{t.ideaSubmission.whereItStands}</dt>
          <dd>
            <span className="badge">{labelOf(t.ideaSubmission.moderationStates, moderation.state)}</span>
          </dd>
          <dt>{t.status}</dt>
          <dd>{labelOf(t.statuses, idea.status)}</dd>
          <dt>{t.ideaSubmission.votesLabel}</dt>
          <dd>{plural(locale, t.votes, idea.vote_count)}</dd>
        </dl>
        {moderation.at && (
          <p className="meta">
            {format(
              moderation.state === "published"
                ? t.ideaSubmission.publishedOn
                : moderation.state === "rejected"
                  ? t.ideaSubmission.reviewedOn
                  : t.ideaSubmission.sentOn,
              { date: formatDate(locale, moderation.at) },
            )}
          </p>
        )}
        {moderation.state === "in_moderation" && <p>{t.ideaSubmission.inModerationText}</p>}
        {moderation.state === "rejected" && moderation.reason && (
          <>
            <h3>{t.ideaSubmission.editorsComment}</h3>
            <p>{moderation.reason}</p>
          </>
        )}
        {idea.official_response && (
          <>
            <h3>{t.officialResponse}</h3>
            <RichText html={idea.official_response} />
          </>
        )}
      </article>
    </li>
  );
}

export default async function MyIdeasPage({ params, searchParams }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const query = await searchParams;
  const t = messages(locale);
  const path = pathIn(locale);
  const ideas = await getMyIdeas(locale, PER_PAGE, (pageNumber(query) - 1) * PER_PAGE);
  if (ideas) requireItems(query, ideas.items);
  return (
    <SiteChrome locale={locale} path={path}>
      <h1>{t.ideaSubmission.myIdeas}</h1>
      <p className="lead">{t.ideaSubmission.myIdeasDescription}</p>
      {ideas === null ? (
        <p>
          <a href={`/${locale}/account/login/?next=${encodeURIComponent(path)}`}>{t.ideaSubmission.logInToSeeIdeas}</a>
        </p>
      ) : ideas.items.length === 0 ? (
        <p>{t.ideaSubmission.noIdeasYet}</p>
      ) : (
        <>
          <ul className="cards my-ideas">
            {ideas.items.map((idea) => (
              <MyIdeaItem key={idea.id} idea={idea} locale={locale} />
            ))}
          </ul>
          <Pagination locale={locale} path={path} query={query} count={ideas.count} perPage={PER_PAGE} />
        </>
      )}
    </SiteChrome>
  );
}
