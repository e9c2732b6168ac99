"use client";
// Proposing an idea on a board or a challenge: while the prosumer types, published ideas that may
// already say the same are suggested as links (they can vote there instead); the API's field errors
// show beside their fields, and once sent, where the idea stands (waiting for review). A visitor gets
// a link to log in; when the board or challenge takes no ideas, everyone reads why.
import { type FormEvent, useEffect, useState } from "react";

import type { MyIdea, SimilarIdea } from "@/api";
import { Field } from "@/components/account/Field";
import { labelOf } from "@/components/site/labels";
import { browserClients, ensureCsrfToken, logInHref, problemsOf, useViewer } from "@/lib/browser-session";
import { format, type Locale, messages, plural } from "@/lib/i18n";

const FIELDS = ["title", "description", "topics"] as const;
type FieldName = (typeof FIELDS)[number];
type Problems = { detail: string | null; fields: Partial<Record<FieldName, string[]>> };

/** How long typing must pause before similar ideas are looked up. */
const DEBOUNCE_MS = 350;
/** Shorter drafts find nothing worth showing. */
const MIN_TEXT = 8;
/** The similar-ideas endpoint reads at most this much text. */
const MAX_TEXT = 5000;

/** The path of a URL from the API (absolute on FRONTEND_URL): a link on this frontend, wherever it is served. */
function localPath(url: string | null): string | null {
  return url ? new URL(url, window.location.origin).pathname : null;
}

/** Published ideas like the draft `text`, looked up once typing pauses; a lookup made stale by more typing is cancelled. */
function useSimilarIdeas(locale: Locale, text: string): SimilarIdea[] {
  const [found, setFound] = useState<{ text: string; ideas: SimilarIdea[] }>({ text: "", ideas: [] });
  const draft = text.trim().slice(0, MAX_TEXT);
  useEffect(() => {
    if (draft.length < MIN_TEXT) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      browserClients(locale)
        .project.GET("/api/search/ideas/similar", { params: { query: { text: draft, locale, limit: 5 } }, signal: controller.signal })
        // Search unavailable (503) or a draft it cannot read: no suggestions, the form still works.
        .then(({ data }) => setFound({ text: draft, ideas: data ?? [] }))
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [locale, draft]);
  return draft.length >= MIN_TEXT && found.text ? found.ideas : [];
}

function SimilarIdeas({ locale, ideas }: { locale: Locale; ideas: SimilarIdea[] }) {
  const t = messages(locale);
  return (
    <>
      <p role="status" className="meta">
        {ideas.length > 0 ? plural(locale, t.ideaSubmission.similarFound, ideas.length) : ""}
      </p>
      {ideas.length > 0 && (
        <section aria-labelledby="similar-ideas" className="similar-ideas">
          <h3 id="similar-ideas">{t.ideaSubmission.similarTitle}</h3>
          <p className="meta">{t.ideaSubmission.similarHelp}</p>
          <ul>
            {ideas.map((idea) => (
              <li key={idea.id}>
                <a href={localPath(idea.url) ?? undefined}>{idea.title}</a>{" "}
                <span className="meta">
                  · {plural(locale, t.votes, idea.vote_count)}
                  {idea.status && <> · {labelOf(t.statuses, idea.status)}</>}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Submitted({ locale, idea }: { locale: Locale; idea: MyIdea }) {
  const t = messages(locale).ideaSubmission;
  return (
    <div className="call-to-action">
      <p>
        <strong>{format(t.submitted, { title: idea.title })}</strong>
      </p>
      <p>
        {t.whereItStands}: <span className="badge">{labelOf(t.moderationStates, idea.moderation.state)}</span>
      </p>
      {idea.moderation.state === "in_moderation" && <p>{t.inModerationText}</p>}
      <p>
        <a href={`/${locale}/account/ideas/`}>{t.myIdeas}</a>
      </p>
    </div>
  );
}

export function IdeaSubmissionForm({
  locale,
  parentId,
  path,
  closed,
}: {
  locale: Locale;
  /** The board or challenge the idea is proposed on. */
  parentId: number;
  /** The page's address, where the log-in link comes back to. */
  path: string;
  /** Why the board or challenge takes no ideas now, or null when it does. */
  closed: string | null;
}) {
  const t = messages(locale);
  const viewer = useViewer(locale);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problems>({ detail: null, fields: {} });
  const [submitted, setSubmitted] = useState<MyIdea | null>(null);
  const similar = useSimilarIdeas(locale, `${title}\n${description}`);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setProblems({ detail: null, fields: {} });
    try {
      const clients = browserClients(locale);
      await ensureCsrfToken(clients);
      const topics = String(data.get("topics") ?? "")
        .split(",")
        .map((topic) => topic.trim())
        .filter(Boolean);
      const { data: idea, error } = await clients.project.POST("/api/community/ideas/", {
        body: { parent: parentId, title: String(data.get("title") ?? ""), description: String(data.get("description") ?? ""), topics },
      });
      if (idea) {
        form.reset();
        setTitle("");
        setDescription("");
        setSubmitted(idea);
      } else {
        const { detail, fields } = problemsOf(error, t.errorText);
        const shown = FIELDS.some((field) => fields[field]);
        setProblems({ detail: shown ? null : detail, fields });
      }
    } catch {
      setProblems({ detail: t.unreachable, fields: {} });
    }
    setBusy(false);
  }

  return (
    <section aria-labelledby="propose-idea" className="idea-submission">
      <h2 id="propose-idea">{t.ideaSubmission.proposeIdea}</h2>
      {closed ? (
        <p>{closed}</p>
      ) : viewer === null ? null : !viewer.signedIn ? (
        <p>
          <a href={logInHref(locale, path)}>{t.ideaSubmission.logInToPropose}</a>
        </p>
      ) : (
        <>
          <div aria-live="polite">{submitted && <Submitted locale={locale} idea={submitted} />}</div>
          <form className="stacked-form" onSubmit={submit} aria-labelledby="propose-idea" noValidate>
            <div role="alert">{problems.detail && <p className="form-error">{problems.detail}</p>}</div>
            <Field
              name="title"
              type="text"
              autoComplete="off"
              label={t.ideaSubmission.title}
              hint={t.ideaSubmission.titleHint}
              maxLength={120}
              problems={problems.fields.title ?? []}
              onInput={setTitle}
            />
            <Field
              name="description"
              type="text"
              multiline
              autoComplete="off"
              label={t.ideaSubmission.description}
              hint={t.ideaSubmission.descriptionHint}
              maxLength={MAX_TEXT}
              problems={problems.fields.description ?? []}
              onInput={setDescription}
            />
            <SimilarIdeas locale={locale} ideas={similar} />
            <Field
              name="topics"
              type="text"
              autoComplete="off"
              required={false}
              label={t.ideaSubmission.topics}
              hint={t.ideaSubmission.topicsHint}
              problems={problems.fields.topics ?? []}
            />
            <p className="actions">
              <button type="submit" className="button" disabled={busy}>
                {busy ? t.ideaSubmission.submitting : t.ideaSubmission.submitIdea}
              </button>
              <a href={`/${locale}/account/ideas/`}>{t.ideaSubmission.myIdeas}</a>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
