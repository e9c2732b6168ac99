/** The label of `key` in a catalogue section (statuses, phases...), or the key itself when unknown. */
export function labelOf(section: Record<string, string>, key: string): string {
  return Object.hasOwn(section, key) ? (section[key] ?? key) : key;
}
