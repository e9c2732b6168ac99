// A labelled form field with the messages about it, tied to it for screen readers, and the messages
// about a whole form, announced as they appear.

/** What is wrong with the form as a whole (not with one field). */
export function FormProblems({ messages }: { messages: string[] }) {
  return (
    <div role="alert">
      {messages.map((message) => (
        <p key={message} className="form-error">
          {message}
        </p>
      ))}
    </div>
  );
}

export function Field({
  name,
  type,
  autoComplete,
  label,
  problems,
  defaultValue,
  hint,
  multiline = false,
  required = true,
  maxLength,
  onInput,
}: {
  name: string;
  /** The input's type; ignored by a `multiline` field (a text area). */
  type: string;
  autoComplete: string;
  label: string;
  problems: string[];
  defaultValue?: string;
  /** What the field expects, read with it by screen readers. */
  hint?: string;
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
  onInput?: (value: string) => void;
}) {
  const errorId = `${name}-errors`;
  const hintId = `${name}-hint`;
  const describedBy = [hint ? hintId : null, problems.length > 0 ? errorId : null].filter(Boolean).join(" ");
  const control = {
    id: name,
    name,
    autoComplete,
    defaultValue,
    required,
    maxLength,
    "aria-invalid": problems.length > 0 || undefined,
    "aria-describedby": describedBy || undefined,
  };
  return (
    <p className="field">
      <label htmlFor={name}>{label}</label>
      {hint && (
        <span id={hintId} className="meta">
          {hint}
        </span>
      )}
      {multiline ? (
        <textarea {...control} rows={6} onInput={onInput && ((event) => onInput(event.currentTarget.value))} />
      ) : (
        <input {...control} type={type} onInput={onInput && ((event) => onInput(event.currentTarget.value))} />
      )}
      {problems.length > 0 && (
        <span id={errorId} className="form-error">
          {problems.join(" ")}
        </span>
      )}
    </p>
  );
}

/** A box to tick (consent, a confirmation), with the messages about it tied to it. */
export function Checkbox({ name, label, problems }: { name: string; label: string; problems: string[] }) {
  const errorId = `${name}-errors`;
  return (
    <p className="checkbox">
      <input
        id={name}
        name={name}
        type="checkbox"
        required
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length > 0 ? errorId : undefined}
      />{" "}
      <label htmlFor={name}>{label}</label>
      {problems.length > 0 && (
        <span id={errorId} className="form-error">
          {problems.join(" ")}
        </span>
      )}
    </p>
  );
}
