import { StreamField } from "@/components/blocks";
import { Comments } from "@/components/community/Comments";
import { PageActions } from "@/components/community/PageActions";
import { ResponsiveImage } from "@/components/site/ResponsiveImage";
import { Topics } from "@/components/site/Topics";
import { hrefOf } from "@/lib/brand-hub";
import { format, formatDate, messages } from "@/lib/i18n";

import type { PageProps } from "./types";

export function BlogPage({ page, locale, path }: PageProps<"blog.BlogPage">) {
  const t = messages(locale);
  const blogIndex = hrefOf(page.meta.parent?.meta.html_url);
  return (
    <article className="prose">
      <h1>{page.title}</h1>
      <PageActions page={page} locale={locale} path={path} />
      <p className="lead">{page.intro}</p>
      <p className="meta">
        {page.author && <>{format(t.byAuthor, { name: page.author.name })} · </>}
        <time dateTime={page.published_date}>{formatDate(locale, page.published_date)}</time> ·{" "}
        {format(t.readingTime, { minutes: page.reading_time })}
      </p>
      {page.hero_image && <ResponsiveImage image={page.hero_image} priority />}
      <StreamField blocks={page.body ?? []} locale={locale} />
      {page.topics && page.topics.length > 0 && (
        <section aria-labelledby="topics">
          <h2 id="topics">{t.topics}</h2>
          <Topics topics={page.topics} label={t.topics} filterPath={blogIndex} />
        </section>
      )}
      {page.author && (
        <aside className="call-to-action" aria-label={page.author.name}>
          <p>
            <strong>{page.author.name}</strong>
            {page.author.role && <>, {page.author.role}</>}
          </p>
          {page.author.bio && <p>{page.author.bio}</p>}
        </aside>
      )}
      <Comments pageId={page.id} locale={locale} path={path} />
    </article>
  );
}
