// An image from the API as <img srcset>: every rendition it carries, the browser picks by width.
import { preload } from "react-dom";

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
  const srcSet = renditions.map((rendition) => `${rendition.url} ${rendition.width}w`).join(", ");
  if (priority) {
    // The first screen's picture (the page's likely LCP): a <link rel="preload"> in the head starts it with the
    // stylesheet, before the body reaches the <img>; same srcset and sizes, so the browser fetches it once.
    preload(largest.url, { as: "image", imageSrcSet: srcSet, imageSizes: sizes, fetchPriority: "high" });
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- Wagtail makes the renditions; srcset picks one
    <img
      src={largest.url}
      srcSet={srcSet}
      sizes={sizes}
      width={largest.width}
      height={largest.height}
      alt={alt ?? image.alt}
      loading={priority ? "eager" : "lazy"}
      fetchPriority={priority ? "high" : undefined}
      decoding={priority ? undefined : "async"}
    />
  );
}
