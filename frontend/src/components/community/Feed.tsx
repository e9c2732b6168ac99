// One page of a prosumer's feed: each item says why it is there (a page or person they follow, a
// group of theirs where it is rising), what happened, its start, a link to where it happened and how
// much it is engaged with; a "More" link reads the next page by the API's cursor, without script.
import type { Feed as FeedPage, FeedItem } from "@/api";
import { personPath } from "@/components/community/ProposedBy";
import { Phrase } from "@/components/site/Phrase";
import { labelOf } from "@/components/site/labels";
import { hrefOf } from "@/lib/brand-hub";
import { formatDate, type Locale, messages, plural } from "@/lib/i18n";

/** Where an item leads on the page it happened on: the comment, the status history, the brand's response. */
function anchorOf(item: FeedItem): string {
  if (item.comment_id !== null) return `#comment-${item.comment_id}`;
  if (item.kind === "status_change") return "#status-history";
  if (item.kind === "official_response") return "#official-response";
  return "";
}

function Reason({ item, locale }: { item: FeedItem; locale: Locale }) {
  const f = messages(locale).feed;
  if (item.reason === "followed_person" && item.because_of_person) {
    const person = item.because_of_person;
    return <Phrase template={f.becauseYouFollowPerson} parts={{ name: <a href={personPath(locale, person.id)}>{person.display_name}</a> }} />;
  }
  const page = item.because_of_page;
  const name = page ? page.url ? <a href={hrefOf(page.url)}>{page.title}</a> : page.title : "";
  return <Phrase template={item.reason === "rising_in_group" ? f.risingInGroup : f.becauseYouFollowPage} parts={{ name }} />;
}

function WhatHappened({ item, locale, id }: { item: FeedItem; locale: Locale; id: string }) {
  const t = messages(locale);
  const author = item.author ? <a href={personPath(locale, item.author.id)}>{item.author.display_name}</a> : t.anonymous;
  const page = item.page.url ? (
    <a href={`${hrefOf(item.page.url)}${anchorOf(item)}`} lang={item.page.locale === locale ? undefined : item.page.locale}>
      {item.page.title}
    </a>
  ) : (
    item.page.title
  );
  const status = labelOf(t.statuses, item.status ?? "");
  const fromStatus = labelOf(t.statuses, item.from_status ?? "");
  const template =
    item.kind === "status_change" && !item.from_status ? t.feed.happened.status_set : t.feed.happened[item.kind];
  return (
    <h2 id={id}>
      <Phrase template={template} parts={{ author, page, status, from: fromStatus }} />
    </h2>
  );
}

function Engagement({ item, locale }: { item: FeedItem; locale: Locale }) {
  const t = messages(locale);
  const { likes, replies, votes } = item.engagement;
  const figures = [
    likes !== null ? plural(locale, t.likes, likes) : null,
    replies !== null ? plural(locale, t.feed.replies, replies) : null,
    votes !== null ? plural(locale, t.votes, votes) : null,
  ].filter((figure) => figure !== null);
  return figures.length > 0 ? <p className="meta">{figures.join(" · ")}</p> : null;
}

export function Feed({ locale, path, feed, firstPage }: { locale: Locale; path: string; feed: FeedPage; firstPage: boolean }) {
  const t = messages(locale);
  const f = t.feed;
  return (
    <>
      <h2>{f.title}</h2>
      <p className="lead">{f.description}</p>
      {feed.items.length === 0 ? (
        <div className="empty-state">
          <p>{firstPage ? f.empty : f.noMore}</p>
          {firstPage && <p>{f.emptyHint}</p>}
        </div>
      ) : (
        <ol className="feed">
          {feed.items.map((item, index) => {
            const id = `feed-item-${index}`;
            const excerptLanguage = item.page.locale === locale ? undefined : item.page.locale;
            return (
              <li key={`${item.kind}-${item.comment_id ?? item.page.id}-${item.occurred_at}`} className="feed-item">
                <article aria-labelledby={id}>
                  <p className="feed-reason">
                    <Reason item={item} locale={locale} />
                  </p>
                  <WhatHappened item={item} locale={locale} id={id} />
                  {item.excerpt && <blockquote lang={excerptLanguage}>{item.excerpt}</blockquote>}
                  <p className="meta">
                    <time dateTime={item.occurred_at}>{formatDate(locale, item.occurred_at, true)}</time>
                    {item.comment_kind && <> · {labelOf(t.commentKinds, item.comment_kind)}</>}
                  </p>
                  <Engagement item={item} locale={locale} />
                </article>
              </li>
            );
          })}
        </ol>
      )}
      <nav aria-label={f.pages} className="pagination">
        {!firstPage && <a href={path}>{f.backToStart}</a>}
        {feed.next_cursor && (
          <a className="button secondary" rel="next" href={`${path}?cursor=${encodeURIComponent(feed.next_cursor)}`}>
            {f.more}
          </a>
        )}
      </nav>
    </>
  );
}
