// An image from the API as <img srcset>: every rendition it carries, the browser picks by width.
type Rendition = { url: string; width: number; height: number };

export function ResponsiveImage({
  image,
  alt,
  sizes = "(max-width: 48rem) 100vw, 44rem",
  priority = false,
}: {
  image: { alt: string; width: number; height: number; renditions: Record<string, Rendition> };
  /** Overrides the image's own alt text (an image block has its own). */
  alt?: string | null;
  sizes?: string;
  priority?: boolean;
}) {
  const all = Object.values(image.renditions).sort((a, b) => a.width - b.width);
  const largest = all[all.length - 1];
  if (!largest) return null;
  // Only renditions cut like the largest: a square thumbnail must not stand in for a wide picture.
  const ratio = largest.width / largest.height;
  const renditions = all.filter((rendition) => Math.abs(rendition.width / rendition.height - ratio) < 0.02 * ratio);
  return (
    // eslint-disable-next-line @next/next/no-img-element -- Wagtail makes the renditions; srcset picks one
    <img
      src={largest.url}
      srcSet={renditions.map((rendition) => `${rendition.url} ${rendition.width}w`).join(", ")}
      sizes={sizes}
      width={largest.width}
      height={largest.height}
      alt={alt ?? image.alt}
      loading={priority ? "eager" : "lazy"}
      fetchPriority={priority ? "high" : undefined}
      decoding="async"
    />
  );
}
