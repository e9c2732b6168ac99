import { Card } from "@/components/site/Card";
import { Topics } from "@/components/site/Topics";
import { getPageCards, hrefOf } from "@/lib/brand-hub";
import { messages } from "@/lib/i18n";

import type { PageProps } from "./types";

export async function CommunityIndexPage({ page, locale }: PageProps<"community_groups.CommunityIndexPage">) {
  const t = messages(locale);
  const groups = await getPageCards({ type: ["community_groups.CommunityGroupPage"], child_of: page.id, locale, limit: 100, offset: 0, personal: true });
  return (
    <>
      <h1>{page.title}</h1>
      {page.intro && <p className="lead">{page.intro}</p>}
      <h2>{t.groups}</h2>
      <ul className="cards">
        {groups.items.map((card) =>
          card.type === "community_groups.CommunityGroupPage" ? (
            <Card key={card.id} title={card.title} href={hrefOf(card.meta.html_url)} image={card.cover_image}>
              <Topics topics={card.topics} label={t.topics} />
            </Card>
          ) : null,
        )}
      </ul>
    </>
  );
}
