// A search hit's highlighted fragment: the API's <mark> (or <em>) around matched words becomes a <mark>
// element, and everything else is shown as text, whatever markup the comment itself quotes.
import type { ReactNode } from "react";

const MARKS = /(<\/?(?:mark|em)>)/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** The text of an HTML-escaped fragment (Elasticsearch's html encoder: &lt;, &#x27;, &#x2F; ...). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

export function Highlight({ fragment }: { fragment: string }) {
  const parts: ReactNode[] = [];
  let marked = false;
  fragment.split(MARKS).forEach((part, index) => {
    if (MARKS.test(part)) {
      marked = !part.startsWith("</");
      return;
    }
    if (!part) return;
    const text = unescapeHtml(part);
    parts.push(marked ? <mark key={index}>{text}</mark> : text);
  });
  return <>{parts}</>;
}
