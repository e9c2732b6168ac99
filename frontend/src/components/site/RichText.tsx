// HTML from the API (Wagtail's rich text rendered server-side, or a comment cleaned by Brand Hub).
export function RichText({ html, className }: { html: string | null | undefined; className?: string }) {
  if (!html) return null;
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
