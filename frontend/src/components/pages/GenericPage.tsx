import type { PageProps } from "./types";

export function GenericPage({ page }: PageProps<"wagtailcore.Page">) {
  return <h1>{page.title}</h1>;
}
