// The thin typed wrapper over the generated clients: one client per API, and names for the shapes
// a frontend renders. Every type here is taken from the generated files; none is written by hand.
import createClient from "openapi-fetch";

import type { paths as AccountsPaths } from "./accounts";
import type { components as ProjectComponents, operations as ProjectOperations, paths as ProjectPaths } from "./project";
import type { components as ContentComponents, operations as ContentOperations, paths as ContentPaths } from "./v3";

/** Clients for the project API (/api/), Wagtail v3 content (/api/v3/) and accounts (/_allauth/). */
export function createBrandHubClients(origin: string) {
  return {
    project: createClient<ProjectPaths>({ baseUrl: origin }),
    content: createClient<ContentPaths>({ baseUrl: origin }),
    accounts: createClient<AccountsPaths>({ baseUrl: origin }),
  };
}

type JsonOf<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

/** A page as `GET /api/v3/pages/{page_id}/` answers it; narrow it on `type`. */
export type PageDetail = JsonOf<ContentOperations["pages_detail"]["responses"][200]>;
export type PageType = PageDetail["type"];
export type PageOf<T extends PageType> = Extract<PageDetail, { type: T }>;

/** A page as `GET /api/v3/page-cards/` lists it: the fields a list shows, narrowed on `type`. */
export type PageCard = JsonOf<ContentOperations["pages_cards_list"]["responses"][200]>["items"][number];
export type PageCardOf<T extends PageType> = Extract<PageCard, { type: T }>;

/** One block of a blog post's body; narrow it on `type` to reach its value. */
export type BodyBlock = NonNullable<PageOf<"blog.BlogPage">["body"]>[number];
export type BodyBlockType = BodyBlock["type"];

export type ContentImage = ContentComponents["schemas"]["ContentImage"];
export type Author = ContentComponents["schemas"]["AuthorSchema"];
export type Translation = ContentComponents["schemas"]["TranslationSchema"];
export type SiteSettings = ProjectComponents["schemas"]["SiteSettingsSchema"];

type ProjectSchemas = ProjectComponents["schemas"];

export type IdeaStatus = ProjectSchemas["IdeaStatus"];
export type IdeaListQuery = NonNullable<ProjectOperations["brand_hub_ideas_api_list_ideas"]["parameters"]["query"]>;
export type IdeaSort = NonNullable<IdeaListQuery["sort"]>;
export type IdeaListItem = ProjectSchemas["IdeaItemSchema"];
export type CommentThread = ProjectSchemas["ThreadSchema"];
export type CommentKind = ProjectSchemas["CommentKind"];
export type ReactionValue = ProjectSchemas["ReactionValue"];
export type FlagReason = ProjectSchemas["FlagReason"];
export type ShareChannel = ProjectSchemas["ShareChannel"];
export type Notification = ProjectSchemas["NotificationSchema"];
export type ChallengePhase = ContentComponents["schemas"]["ChallengePhase"];
export type Profile = ProjectSchemas["ProfileSchema"];
export type PublicProfile = ProjectSchemas["PublicProfileSchema"];
/** A profile's reputation: null when its person chose not to show it. */
export type PublicReputation = NonNullable<PublicProfile["reputation"]>;
/** One's feed (`GET /api/community/feed`), a page at a time, and its items. */
export type Feed = ProjectSchemas["FeedSchema"];
export type FeedItem = Feed["items"][number];
/** How one hears of notifications: a channel per kind, and the digest's frequency. */
export type NotificationPreferences = ProjectSchemas["PreferencesSchema"];
export type NotificationKind = NotificationPreferences["kinds"][number]["kind"];
export type NotificationChannel = NotificationPreferences["kinds"][number]["channel"];
export type DigestFrequency = NotificationPreferences["digest_frequency"];
export type GroupMember = JsonOf<ProjectOperations["brand_hub_community_groups_api_group_members"]["responses"][200]>["items"][number];
export type SimilarIdea = ProjectSchemas["SimilarIdeaSchema"];
export type MyIdea = ProjectSchemas["MyIdeaSchema"];
export type IdeaModerationState = MyIdea["moderation"]["state"];

/** The searches (`/api/search`, `/comments`, `/ideas`): their queries, answers and hits. */
export type EverythingSearchQuery = NonNullable<ProjectOperations["search_api_everything"]["parameters"]["query"]>;
export type CommentSearchQuery = NonNullable<ProjectOperations["search_api_comments"]["parameters"]["query"]>;
export type IdeaSearchQuery = NonNullable<ProjectOperations["search_api_ideas"]["parameters"]["query"]>;
export type EverythingResults = ProjectSchemas["EverythingResultsSchema"];
export type CommentResults = ProjectSchemas["CommentResultsSchema"];
export type IdeaResults = ProjectSchemas["IdeaResultsSchema"];
export type SearchPageType = ProjectSchemas["PageTypeFacetValue"]["value"];
