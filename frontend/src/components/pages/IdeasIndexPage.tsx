import { Card } from "@/components/site/Card";
import { labelOf } from "@/components/site/labels";
import { getPageCards, hrefOf } from "@/lib/brand-hub";
import { formatDate, messages } from "@/lib/i18n";

import type { PageProps } from "./types";

export async function IdeasIndexPage({ page, locale }: PageProps<"ideas.IdeasIndexPage">) {
  const t = messages(locale);
  const children = await getPageCards({ child_of: page.id, locale, limit: 100, offset: 0, personal: true });
  const boards = children.items.filter((card) => card.type === "ideas.IdeaBoardPage");
  const challenges = children.items.filter((card) => card.type === "ideas.IdeaChallengePage");
  return (
    <>
      <h1>{page.title}</h1>
      {page.intro && <p className="lead">{page.intro}</p>}
      {challenges.length > 0 && (
        <section aria-labelledby="challenges">
          <h2 id="challenges">{t.challenges}</h2>
          <ul className="cards">
            {challenges.map((card) => (
              <Card key={card.id} title={card.title} href={hrefOf(card.meta.html_url)} image={card.cover_image}>
                <p>
                  <span className="badge">{labelOf(t.phases, card.phase)}</span>
                </p>
                <p>{card.question}</p>
                <p className="meta">
                  {t.votingEndsAt}: <time dateTime={card.voting_ends_at}>{formatDate(locale, card.voting_ends_at)}</time>
                </p>
              </Card>
            ))}
          </ul>
        </section>
      )}
      {boards.length > 0 && (
        <section aria-labelledby="boards">
          <h2 id="boards">{t.boards}</h2>
          <ul className="cards">
            {boards.map((card) => (
              <Card key={card.id} title={card.title} href={hrefOf(card.meta.html_url)} image={card.cover_image}>
                {card.intro && <p>{card.intro}</p>}
              </Card>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
