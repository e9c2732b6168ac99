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
}: {
  name: string;
  type: string;
  autoComplete: string;
  label: string;
  problems: string[];
  defaultValue?: string;
}) {
  const errorId = `${name}-errors`;
  return (
    <p className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        required
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length > 0 ? errorId : undefined}
      />
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
