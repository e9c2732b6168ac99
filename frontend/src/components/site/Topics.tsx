// A page's topics as tags; each links to the blog filtered by it when `filterPath` is given.
import { withQuery } from "./Pagination";

export function Topics({ topics, label, filterPath }: { topics: string[] | null; label: string; filterPath?: string }) {
  if (!topics || topics.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {topics.map((name) => (
        <li key={name}>
          {filterPath ? (
            <a className="tag" href={withQuery(filterPath, {}, { topic: name })}>
              {name}
            </a>
          ) : (
            <span className="tag">{name}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
