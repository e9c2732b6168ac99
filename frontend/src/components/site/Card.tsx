// A card in a list of pages or ideas: an optional picture, a linked title, then what the list shows.
import type { ReactNode } from "react";

import { ResponsiveImage } from "./ResponsiveImage";

type Picture = Parameters<typeof ResponsiveImage>[0]["image"];

export function Card({
  title,
  href,
  image,
  heading: Heading = "h3",
  children,
}: {
  title: string;
  href: string | null;
  image?: Picture | null;
  heading?: "h2" | "h3";
  children?: ReactNode;
}) {
  return (
    <li className="card">
      {/* Decorative here: the title beside it names the page. */}
      {image && <ResponsiveImage image={image} alt="" sizes="(max-width: 48rem) 100vw, 22rem" />}
      <div className="card-body">
        <Heading>{href ? <a href={href}>{title}</a> : title}</Heading>
        {children}
      </div>
    </li>
  );
}
