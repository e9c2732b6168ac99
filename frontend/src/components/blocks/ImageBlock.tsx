import { ResponsiveImage } from "@/components/site/ResponsiveImage";

import type { BlockProps } from ".";

export function ImageBlock({ value }: BlockProps<"image">) {
  if (!value.image) return null;
  return (
    <figure>
      <ResponsiveImage image={value.image} alt={value.alt_text || null} />
      {value.caption && <figcaption>{value.caption}</figcaption>}
    </figure>
  );
}
