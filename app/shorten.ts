/**
 * At most `max` characters (as people count them: an emoji is one), cut after a word
 * when there is one in the second half, and marked "…". For a button's spoken name, not
 * a place to read the whole text.
 */
export function shortened(text: string, max: number) {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, "")}…`;
}
