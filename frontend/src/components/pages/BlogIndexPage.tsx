import { Card } from "@/components/site/Card";
import { Pagination, pageNumber, requireItems } from "@/components/site/Pagination";
import { Topics } from "@/components/site/Topics";
import { getPageCards, hrefOf } from "@/lib/brand-hub";
import { format, formatDate, messages } from "@/lib/i18n";

import type { PageProps } from "./types";

const PER_PAGE = 9;

export async function BlogIndexPage({ page, locale, path, query }: PageProps<"blog.BlogIndexPage">) {
  const t = messages(locale);
  // A topic is a tag name: at most 100 characters, no control characters (anything else filters nothing).
  const topic = typeof query.topic === "string" && /^[^\p{Cc}]{1,100}$/u.test(query.topic) ? query.topic : undefined;
  const cards = await getPageCards({
    type: ["blog.BlogPage"],
    child_of: page.id,
    locale,
    order: ["-published_date"],
    limit: PER_PAGE,
    offset: (pageNumber(query) - 1) * PER_PAGE,
    topic,
  });
  requireItems(query, cards.items);
  return (
    <>
      <h1>{page.title}</h1>
      {page.intro && <p className="lead">{page.intro}</p>}
      {topic && (
        <p>
          <strong>{format(t.postsTagged, { topic })}</strong> · <a href={path}>{t.allTopics}</a>
        </p>
      )}
      {cards.items.length === 0 && <p>{t.noPosts}</p>}
      <ul className="cards">
        {cards.items.map((card) =>
          card.type === "blog.BlogPage" ? (
            <Card key={card.id} title={card.title} href={hrefOf(card.meta.html_url)} image={card.hero_image} heading="h2">
              <p className="meta">
                <time dateTime={card.published_date}>{formatDate(locale, card.published_date)}</time> ·{" "}
                {format(t.readingTime, { minutes: card.reading_time })}
              </p>
              <p>{card.intro}</p>
              <Topics topics={card.topics} label={t.topics} filterPath={path} />
            </Card>
          ) : null,
        )}
      </ul>
      <Pagination locale={locale} path={path} query={query} count={cards.count} perPage={PER_PAGE} />
    </>
  );
}
