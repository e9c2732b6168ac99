// The StreamField block registry: each block `type` of the library maps to one component.
import type { ComponentType } from "react";

import type { BodyBlock, BodyBlockType } from "@/api";
import type { Locale } from "@/lib/i18n";

import { CallToActionBlock } from "./CallToActionBlock";
import { EmbedBlock } from "./EmbedBlock";
import { HeadingBlock } from "./HeadingBlock";
import { ImageBlock } from "./ImageBlock";
import { ParagraphBlock } from "./ParagraphBlock";
import { QuoteBlock } from "./QuoteBlock";

export type BlockValue<K extends BodyBlockType> = Extract<BodyBlock, { type: K }>["value"];
export type BlockProps<K extends BodyBlockType> = { value: BlockValue<K>; locale: Locale };

// A block type added to the library without a component here fails the type check.
const blockComponents: { [K in BodyBlockType]: ComponentType<BlockProps<K>> } = {
  heading: HeadingBlock,
  paragraph: ParagraphBlock,
  image: ImageBlock,
  quote: QuoteBlock,
  embed: EmbedBlock,
  call_to_action: CallToActionBlock,
};

function Block<K extends BodyBlockType>({ block, locale }: { block: { type: K; value: BlockValue<K> }; locale: Locale }) {
  const Component: ComponentType<BlockProps<K>> = blockComponents[block.type];
  return <Component value={block.value} locale={locale} />;
}

/** A StreamField body, block by block. */
export function StreamField({ blocks, locale }: { blocks: BodyBlock[]; locale: Locale }) {
  return (
    <>
      {blocks.map((block, index) => (
        <Block key={block.id ?? index} block={block} locale={locale} />
      ))}
    </>
  );
}
