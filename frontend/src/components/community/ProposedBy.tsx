// "Proposed by <name>" under an idea, the name linking to the proposer's public profile.
import { type Locale, messages } from "@/lib/i18n";

/** A person's public profile on the frontend (/<locale>/people/<id>/). */
export function personPath(locale: Locale, userId: number): string {
  return `/${locale}/people/${userId}/`;
}

export function ProposedBy({ locale, name, authorId }: { locale: Locale; name: string | null | undefined; authorId: number | null | undefined }) {
  const t = messages(locale);
  const [before, after = ""] = t.proposedBy.split("{name}");
  const shown = name || t.anonymous;
  return (
    <p className="meta">
      {before}
      {name && authorId != null ? <a href={personPath(locale, authorId)}>{shown}</a> : shown}
      {after}
    </p>
  );
}
