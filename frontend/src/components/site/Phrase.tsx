// A catalogue's sentence with elements (links, names) in its places: "{author} commented on {page}"
// with the author and the page as links, in the order each language puts them.
import { Fragment, type ReactNode } from "react";

import { fillTemplate } from "@/lib/i18n";

export function Phrase({ template, parts }: { template: string; parts: Record<string, ReactNode> }) {
  return (
    <>
      {fillTemplate(template, parts).map((piece, index) => (
        <Fragment key={index}>{piece}</Fragment>
      ))}
    </>
  );
}
