"use client";
// What a visitor sees when Brand Hub cannot be reached or answers an error while a page renders.
import { TryAgain } from "@/components/site/TryAgain";

export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <TryAgain reset={reset} />;
}
