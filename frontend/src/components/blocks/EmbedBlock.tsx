// An embed as its provider's HTML (oEmbed, fetched by Wagtail), or a plain link when there is none.
import type { BlockProps } from ".";

export function EmbedBlock({ value }: BlockProps<"embed">) {
  if (!value) return null;
  if (!value.html) {
    return (
      <p>
        <a href={value.url}>{value.url}</a>
      </p>
    );
  }
  return <div className="embed" dangerouslySetInnerHTML={{ __html: value.html }} />;
}
