import { Card } from "@/components/site/Card";
import { ResponsiveImage } from "@/components/site/ResponsiveImage";

import type { PageProps } from "./types";

export function HomePage({ page }: PageProps<"home.HomePage">) {
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="hero-grid">
          <div>
            <h1 id="hero-title">{page.hero_title}</h1>
            {page.hero_text && <p className="lead">{page.hero_text}</p>}
            {page.hero_cta_url && page.hero_cta_label && (
              <a className="button" href={page.hero_cta_url}>
                {page.hero_cta_label}
              </a>
            )}
          </div>
          {page.hero_image && <ResponsiveImage image={page.hero_image} sizes="(max-width: 48rem) 100vw, 36rem" priority />}
        </div>
      </section>
      {page.featured.map((section, index) => (
        <section key={section.id ?? index} aria-labelledby={`featured-${index}`}>
          <h2 id={`featured-${index}`}>{section.value.heading}</h2>
          <ul className="cards">
            {section.value.pages.map((featured) => (
              <Card key={featured.id} title={featured.title} href={featured.url} image={featured.image}>
                <p>{featured.intro}</p>
              </Card>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
