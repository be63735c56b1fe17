/** Longest piece of a cell echoed in a message: a 1 MB cell must not fill the terminal. */
const SHOWN_CHARS = 40;

/** A cell's text for a message, quoted, cut to a readable length. */
export function shown(text: string): string {
  // Line breaks and tabs in a quoted cell would break the one-line message.
  const t = text.trim().replace(/[\r\n\t]+/g, ' ');
  return t.length > SHOWN_CHARS ? `"${t.slice(0, SHOWN_CHARS - 1)}…"` : `"${t}"`;
}
