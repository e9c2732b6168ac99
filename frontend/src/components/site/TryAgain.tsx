"use client";
// The message and the retry button of the error pages, in the address's language.
import { usePathname } from "next/navigation";

import { defaultLocale, isLocale, messages } from "@/lib/i18n";

export function useAddressLocale() {
  const [first = ""] = (usePathname() ?? "").split("/").filter(Boolean);
  return isLocale(first) ? first : defaultLocale;
}

export function TryAgain({ reset }: { reset: () => void }) {
  const t = messages(useAddressLocale());
  return (
    <main id="main" className="container">
      <h1>{t.errorTitle}</h1>
      <p>{t.errorText}</p>
      <p>
        <button className="button" type="button" onClick={() => reset()}>
          {t.tryAgain}
        </button>
      </p>
    </main>
  );
}
