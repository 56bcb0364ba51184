/**
 * People's names as a list shows them. Two members of a team can share a name (a team of
 * thirty easily has two "Bram Jansen"s); in a lead's overview they would read as one
 * person, so where a name occurs more than once each gets its e-mail address after it.
 * Unique names are shown as they are, and their addresses never reach the page.
 */
export function distinctNames<T extends { name: string; email: string }>(rows: readonly T[]): (Omit<T, "email"> & { name: string })[] {
  const read = rows.map((r) => asRead(r.name));
  const seen = new Map<string, number>();
  for (const name of read) seen.set(name, (seen.get(name) ?? 0) + 1);
  return rows.map(({ email, ...r }, i) => ({ ...r, name: (seen.get(read[i]) ?? 0) > 1 ? `${r.name} (${email})` : r.name }));
}

// Names as a reader tells them apart: a page shows "Joost de Boer " and "Joost  de Boer" alike.
const asRead = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("nl");
