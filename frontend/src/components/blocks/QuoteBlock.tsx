import type { BlockProps } from ".";

export function QuoteBlock({ value }: BlockProps<"quote">) {
  return (
    <figure>
      <blockquote>
        <p>{value.text}</p>
      </blockquote>
      {value.attribution && <figcaption>— {value.attribution}</figcaption>}
    </figure>
  );
}
