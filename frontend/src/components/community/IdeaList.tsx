// A board's or challenge's ideas from the project API, with sort, status filter and pagination
// (a GET form: it works without JavaScript and keeps its state in the address).
import type { IdeaSort, IdeaStatus } from "@/api";
import { ProposedBy } from "@/components/community/ProposedBy";
import { Card } from "@/components/site/Card";
import { Pagination, pageNumber, requireItems, type Query } from "@/components/site/Pagination";
import { labelOf } from "@/components/site/labels";
import { getIdeas } from "@/lib/brand-hub";
import { type Locale, messages, plural } from "@/lib/i18n";

const PER_PAGE = 12;
const SORTS: readonly IdeaSort[] = ["top", "newest", "trending"];
const STATUSES: readonly IdeaStatus[] = ["submitted", "under_review", "planned", "in_progress", "implemented", "declined"];

function choice<T extends string>(value: Query[string], choices: readonly T[]): T | undefined {
  return choices.find((candidate) => candidate === value);
}

export async function IdeaList({
  scope,
  locale,
  path,
  query,
}: {
  scope: { board: number } | { challenge: number };
  locale: Locale;
  path: string;
  query: Query;
}) {
  const t = messages(locale);
  const sort = choice(query.sort, SORTS) ?? "top";
  const status = choice(query.status, STATUSES);
  const ideas = await getIdeas({
    ...scope,
    sort,
    ...(status ? { status } : {}),
    limit: PER_PAGE,
    offset: (pageNumber(query) - 1) * PER_PAGE,
  });
  requireItems(query, ideas.items);
  return (
    <section aria-labelledby="ideas">
      <h2 id="ideas">{t.ideas}</h2>
      <form className="filters" method="get" action={path} aria-label={t.ideaFilters}>
        <label>
          {t.sortBy}
          <select name="sort" defaultValue={sort}>
            {SORTS.map((value) => (
              <option key={value} value={value}>
                {t.sorts[value]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.status}
          <select name="status" defaultValue={status ?? ""}>
            <option value="">{t.anyStatus}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {t.statuses[value]}
              </option>
            ))}
          </select>
        </label>
        <button className="button" type="submit">
          {t.apply}
        </button>
      </form>
      {ideas.items.length === 0 && <p>{t.noIdeas}</p>}
      <ul className="cards">
        {ideas.items.map((idea) => (
          <Card key={idea.id} title={idea.title} href={idea.url}>
            <p>
              <span className="badge">{labelOf(t.statuses, idea.status)}</span>{" "}
              <span className="meta">{plural(locale, t.votes, idea.vote_count)}</span>
            </p>
            <ProposedBy locale={locale} name={idea.author} authorId={idea.author_id} />
          </Card>
        ))}
      </ul>
      <Pagination locale={locale} path={path} query={query} count={ideas.count} perPage={PER_PAGE} />
    </section>
  );
}
