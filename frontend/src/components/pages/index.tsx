// The page registry: each page `type` from the API maps to one page component.
import type { ComponentType } from "react";

import type { PageDetail, PageOf, PageType } from "@/api";
import type { Query } from "@/components/site/Pagination";
import type { Locale } from "@/lib/i18n";

import { BlogIndexPage } from "./BlogIndexPage";
import { BlogPage } from "./BlogPage";
import { CommunityGroupPage } from "./CommunityGroupPage";
import { CommunityIndexPage } from "./CommunityIndexPage";
import { GenericPage } from "./GenericPage";
import { HomePage } from "./HomePage";
import { IdeaBoardPage, IdeaChallengePage } from "./IdeaListPages";
import { IdeaPage } from "./IdeaPage";
import { IdeasIndexPage } from "./IdeasIndexPage";
import type { PageProps } from "./types";

// A page type added to the API without a component here fails the type check.
const pageComponents: { [T in PageType]: ComponentType<PageProps<T>> } = {
  "home.HomePage": HomePage,
  "blog.BlogIndexPage": BlogIndexPage,
  "blog.BlogPage": BlogPage,
  "community_groups.CommunityIndexPage": CommunityIndexPage,
  "community_groups.CommunityGroupPage": CommunityGroupPage,
  "ideas.IdeasIndexPage": IdeasIndexPage,
  "ideas.IdeaBoardPage": IdeaBoardPage,
  "ideas.IdeaChallengePage": IdeaChallengePage,
  "ideas.IdeaPage": IdeaPage,
  "wagtailcore.Page": GenericPage,
};

function TypedPage<T extends PageType>(props: { page: PageOf<T> & { type: T }; locale: Locale; path: string; query: Query }) {
  const Component: ComponentType<PageProps<T>> = pageComponents[props.page.type];
  return <Component {...props} />;
}

/** The page component of `page`'s type. */
export function PageView({ page, ...rest }: { page: PageDetail; locale: Locale; path: string; query: Query }) {
  return <TypedPage page={page} {...rest} />;
}
