import type { BlockProps } from ".";

export function HeadingBlock({ value }: BlockProps<"heading">) {
  const Heading = value.level;
  return <Heading>{value.text}</Heading>;
}
