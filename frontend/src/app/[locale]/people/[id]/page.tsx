// A prosumer's public profile (/<locale>/people/<id>/): what GET /api/community/people/{id}/ shows
// anyone (name, about, member since, reputation unless they chose to hide it, counts, published
// ideas, recent comments), nothing more.
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { personPath } from "@/components/community/ProposedBy";
import { Reputation } from "@/components/community/Reputation";
import { labelOf } from "@/components/site/labels";
import { SiteChrome } from "@/components/site/SiteChrome";
import { getPublicProfile, getSiteSettings, hrefOf } from "@/lib/brand-hub";
import { format, formatDate, isLocale, type Locale, messages, plural } from "@/lib/i18n";
import { routeMetadata } from "@/lib/seo";

type Props = { params: Promise<{ locale: string; id: string }> };

/** The largest id the API takes (its ids are PostgreSQL integers). */
const LARGEST_ID = 2_147_483_647;

async function resolve(params: Props["params"]) {
  const { locale, id } = await params;
  if (!isLocale(locale) || !/^[1-9][0-9]{0,9}$/.test(id) || Number(id) > LARGEST_ID) notFound();
  const person = await getPublicProfile(Number(id), locale);
  if (!person) notFound();
  return { locale: locale as Locale, person, path: personPath(locale as Locale, person.id) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, person, path } = await resolve(params);
  const t = messages(locale).accountPages;
  return routeMetadata({
    locale,
    path,
    title: format(t.profileOf, { name: person.display_name }),
    description: person.bio || format(t.profileDescription, { name: person.display_name }),
    settings: await getSiteSettings(locale),
  });
}

export default async function PersonPage({ params }: Props) {
  const { locale, person, path } = await resolve(params);
  const t = messages(locale);
  const p = t.accountPages;
  const counts = [
    plural(locale, p.commentsWritten, person.counts.comments),
    plural(locale, p.ideasProposed, person.counts.ideas),
    plural(locale, p.votesReceived, person.counts.votes_received),
    plural(locale, p.likesReceived, person.counts.likes_received),
  ];
  return (
    <SiteChrome locale={locale} path={path}>
      <article className="prose person" aria-labelledby="person-name">
        <header className="person-header">
          {person.avatar_url && (
            // eslint-disable-next-line @next/next/no-img-element -- one small picture the API serves as it is
            <img src={person.avatar_url} alt="" width={96} height={96} className="avatar" />
          )}
          <div>
            <h1 id="person-name">{person.display_name}</h1>
            <p className="meta">{format(p.memberSince, { date: formatDate(locale, person.member_since) })}</p>
          </div>
        </header>
        {person.bio && <p className="lead">{person.bio}</p>}

        {person.reputation && <Reputation locale={locale} reputation={person.reputation} />}

        <section aria-labelledby="contributions">
          <h2 id="contributions">{p.contributions}</h2>
          <ul className="inline-list">
            {counts.map((count) => (
              <li key={count}>{count}</li>
            ))}
          </ul>
        </section>

        {person.ideas.length === 0 && person.recent_comments.length === 0 && <p>{p.noContributions}</p>}

        {person.ideas.length > 0 && (
          <section aria-labelledby="person-ideas">
            <h2 id="person-ideas">{t.ideas}</h2>
            <ul>
              {person.ideas.map((idea) => (
                <li key={idea.id} lang={idea.locale === locale ? undefined : idea.locale}>
                  <a href={hrefOf(idea.url)}>{idea.title}</a> · <span className="meta">{labelOf(t.statuses, idea.status)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}

        {person.recent_comments.length > 0 && (
          <section aria-labelledby="recent-comments">
            <h2 id="recent-comments">{p.recentComments}</h2>
            <ul className="person-comments">
              {person.recent_comments.map((comment) => (
                <li key={comment.id}>
                  <p className="meta">
                    {comment.page_url ? (
                      <a href={`${hrefOf(comment.page_url)}#comment-${comment.id}`}>{format(p.commentOn, { page: comment.page_title })}</a>
                    ) : (
                      format(p.commentOn, { page: comment.page_title })
                    )}{" "}
                    · <time dateTime={comment.created_at}>{formatDate(locale, comment.created_at)}</time> · {labelOf(t.commentKinds, comment.kind)}
                  </p>
                  <blockquote lang={comment.language === locale ? undefined : comment.language}>{comment.excerpt}</blockquote>
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    </SiteChrome>
  );
}
