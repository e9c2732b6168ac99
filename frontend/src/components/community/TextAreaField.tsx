// A labelled text area with the API's messages about it, tied to it for screen readers.
import type { TextareaHTMLAttributes } from "react";

export function TextAreaField({
  id,
  label,
  problems,
  ...textarea
}: { id: string; label: string; problems: string[] } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        {...textarea}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length > 0 ? `${id}-errors` : undefined}
      />
      {problems.length > 0 && (
        <span id={`${id}-errors`} className="form-error">
          {problems.join(" ")}
        </span>
      )}
    </p>
  );
}
