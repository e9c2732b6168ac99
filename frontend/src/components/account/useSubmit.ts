// What every account form does on submit: busy while it sends, the CSRF cookie made sure of, its
// problems (per field and for the whole form) shown, and Brand Hub out of reach said so.
import { type FormEvent, useState } from "react";

import { browserClients, ensureCsrfToken } from "@/lib/browser-session";
import { type Locale, messages } from "@/lib/i18n";

export type Problems = { form: string[]; fields: Record<string, string[]> };

export const NO_PROBLEMS: Problems = { form: [], fields: {} };

/** A problem with the whole form. */
export function formProblem(message: string): Problems {
  return { form: [message], fields: {} };
}

/** What `send` answers: the problems to show, nothing when it went well, or "leaving" when it navigates away. */
type Outcome = Problems | "leaving" | void;

export function useSubmit(
  locale: Locale,
  send: (form: FormData, clients: ReturnType<typeof browserClients>, element: HTMLFormElement) => Promise<Outcome>,
) {
  const [problems, setProblems] = useState(NO_PROBLEMS);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    setBusy(true);
    setProblems(NO_PROBLEMS);
    try {
      const clients = browserClients(locale);
      await ensureCsrfToken(clients);
      const outcome = await send(new FormData(element), clients, element);
      // Busy until the next page has loaded.
      if (outcome === "leaving") return;
      if (outcome) setProblems(outcome);
    } catch {
      setProblems(formProblem(messages(locale).unreachable));
    }
    setBusy(false);
  }

  return { problems, busy, submit };
}
