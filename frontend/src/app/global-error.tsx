"use client";
// The same, when the failure is outside a page (its metadata, the layout): it brings its own document.
import { TryAgain, useAddressLocale } from "@/components/site/TryAgain";

import "./globals.css";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang={useAddressLocale()}>
      <body>
        <TryAgain reset={reset} />
      </body>
    </html>
  );
}
