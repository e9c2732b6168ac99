import type { BlockProps } from ".";

export function CallToActionBlock({ value }: BlockProps<"call_to_action">) {
  return (
    <aside className="call-to-action">
      {value.title && <h2>{value.title}</h2>}
      {value.text && <p>{value.text}</p>}
      {value.url && value.button_label && (
        <a className="button" href={value.url}>
          {value.button_label}
        </a>
      )}
    </aside>
  );
}
