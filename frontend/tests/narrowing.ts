// Compiled by `npm run api:check` (tsc --strict): a frontend types every page, card and block from
// the generated client by narrowing on `type`, with no cast and no hand-written type. Each switch
// is exhaustive: a page type or block type the client does not know fails the compilation.
import type { BodyBlock, PageCard, PageDetail, SiteSettings } from "../src/api";

export function pageHeadline(page: PageDetail): string {
  switch (page.type) {
    case "blog.BlogPage":
      return `${page.title}: ${page.intro} (${page.reading_time} min, ${page.author?.name ?? ""})`;
    case "home.HomePage":
      return `${page.hero_title} ${page.hero_image?.renditions.large.url ?? ""} ${page.hero_cta_url ?? ""}`;
    case "ideas.IdeaChallengePage":
      return `${page.question} (${page.phase ?? ""})`;
    case "ideas.IdeaPage":
      return `${page.title} by ${page.author_name ?? ""}: ${page.status}`;
    case "community_groups.CommunityGroupPage":
      return `${page.title}: ${page.cover_image?.renditions.thumbnail.url ?? ""}`;
    case "blog.BlogIndexPage":
    case "community_groups.CommunityIndexPage":
    case "ideas.IdeasIndexPage":
    case "ideas.IdeaBoardPage":
      return `${page.title}: ${page.intro ?? ""}`;
    case "wagtailcore.Page":
      return page.title;
  }
}

export function blockText(block: BodyBlock): string {
  switch (block.type) {
    case "heading":
      return `<${block.value.level}>${block.value.text ?? ""}</${block.value.level}>`;
    case "paragraph":
      return block.value;
    case "image":
      return block.value.image?.renditions.medium.url ?? block.value.caption ?? "";
    case "quote":
      return block.value.text ?? "";
    case "embed":
      return block.value?.html ?? "";
    case "call_to_action":
      return `${block.value.button_label ?? ""} → ${block.value.url ?? ""}`;
  }
}

export function cardLine(card: PageCard): string {
  switch (card.type) {
    case "blog.BlogPage":
      return `${card.title} · ${card.published_date} · ${card.topics?.join(", ") ?? ""}`;
    case "ideas.IdeaChallengePage":
      return `${card.question} · ${card.voting_ends_at}`;
    default:
      return card.title;
  }
}

export function languages(page: PageDetail, settings: SiteSettings): string[] {
  const translations = "translations" in page ? (page.translations ?? []) : [];
  return [settings.site_name, ...translations.map((translation) => `${translation.locale}: ${translation.url ?? ""}`)];
}
