import { RichText } from "@/components/site/RichText";

import type { BlockProps } from ".";

export function ParagraphBlock({ value }: BlockProps<"paragraph">) {
  return <RichText html={value} />;
}
