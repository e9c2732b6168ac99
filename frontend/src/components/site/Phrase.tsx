// A catalogue's sentence with elements (links, names) in its places: "{author} commented on {page}"
// with the author and the page as links, in the order each language puts them.
import { Fragment, type ReactNode } from "react";

export function Phrase({ template, parts }: { template: string; parts: Record<string, ReactNode> }) {
  // split() with a capturing group keeps the placeholders' names at the odd positions.
  const pieces = template.split(/\{(\w+)\}/);
  return (
    <>
      {pieces.map((piece, index) => (
        <Fragment key={index}>{index % 2 === 1 && piece in parts ? parts[piece] : index % 2 === 1 ? `{${piece}}` : piece}</Fragment>
      ))}
    </>
  );
}
