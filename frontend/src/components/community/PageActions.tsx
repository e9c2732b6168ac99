// What a person does with a whole page beside reading it: follow it (read with the viewer's session)
// and share it.
import { getFollowing } from "@/lib/brand-hub";
import type { Locale } from "@/lib/i18n";

import { FollowButton } from "./FollowButton";
import { ShareButton } from "./ShareButton";

export async function PageActions({ page, locale, path }: { page: { id: number; title: string }; locale: Locale; path: string }) {
  // A preview of a page never saved has no id yet: nothing to follow.
  if (!page.id) return null;
  const following = await getFollowing(page.id);
  return (
    <div className="page-actions">
      <FollowButton locale={locale} pageId={page.id} title={page.title} path={path} initial={following} />
      {/* Share links are a signed-in person's: each counts the visits it brings them. */}
      {following !== null && <ShareButton locale={locale} pageId={page.id} title={page.title} />}
    </div>
  );
}
