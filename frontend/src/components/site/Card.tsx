// A card in a list of pages or ideas: an optional picture, a linked title, then what the list shows.
import type { ReactNode } from "react";

import { ResponsiveImage } from "./ResponsiveImage";

type Picture = Parameters<typeof ResponsiveImage>[0]["image"];

/** How wide a card is in `.cards` (columns of at least 16rem in a 72rem container): the whole width on a
 * phone, four columns of about 17rem on a wide screen, up to 22rem between. */
const CARD_SIZES = "(max-width: 48rem) 100vw, (min-width: 72rem) 17rem, 22rem";

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
      {image && <ResponsiveImage image={image} alt="" sizes={CARD_SIZES} />}
      <div className="card-body">
        <Heading>{href ? <a href={href}>{title}</a> : title}</Heading>
        {children}
      </div>
    </li>
  );
}
