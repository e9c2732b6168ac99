import { Comments } from "@/components/community/Comments";
import { PageActions } from "@/components/community/PageActions";
import { MembershipButton } from "@/components/community/MembershipButton";
import { Pagination, pageNumber, requireItems } from "@/components/site/Pagination";
import { ResponsiveImage } from "@/components/site/ResponsiveImage";
import { RichText } from "@/components/site/RichText";
import { labelOf } from "@/components/site/labels";
import { getGroup, getGroupMembers } from "@/lib/brand-hub";
import { format, formatDate, messages } from "@/lib/i18n";

import type { PageProps } from "./types";

const MEMBERS_PER_PAGE = 24;

export async function CommunityGroupPage({ page, locale, path, query }: PageProps<"community_groups.CommunityGroupPage">) {
  const t = messages(locale);
  const [group, members] = await Promise.all([
    getGroup(page.id),
    getGroupMembers(page.id, MEMBERS_PER_PAGE, (pageNumber(query) - 1) * MEMBERS_PER_PAGE),
  ]);
  requireItems(query, members.items);
  return (
    <div className="two-columns">
      <article>
        <h1>{page.title}</h1>
        <PageActions page={page} locale={locale} path={path} />
        <MembershipButton
          locale={locale}
          groupId={page.id}
          groupTitle={page.title}
          path={path}
          initial={{ isMember: group.is_member, memberCount: group.member_count }}
        />
        {page.cover_image && <ResponsiveImage image={page.cover_image} priority />}
        <RichText html={page.description} className="prose" />
        {page.rules && (
          <section aria-labelledby="rules">
            <h2 id="rules">{t.groupRules}</h2>
            <RichText html={page.rules} />
          </section>
        )}
        <Comments pageId={page.id} locale={locale} path={path} />
      </article>
      <section aria-labelledby="members">
        <h2 id="members">{t.members}</h2>
        {members.items.length === 0 ? (
          <p>{t.noMembers}</p>
        ) : (
          <ul>
            {members.items.map((member) => (
              <li key={member.id}>
                {member.display_name}
                {member.role === "moderator" && <> · {labelOf(t.roles, member.role)}</>}
                <span className="meta"> · {format(t.joinedOn, { date: formatDate(locale, member.joined_at) })}</span>
              </li>
            ))}
          </ul>
        )}
        <Pagination locale={locale} path={path} query={query} count={members.count} perPage={MEMBERS_PER_PAGE} />
      </section>
    </div>
  );
}
