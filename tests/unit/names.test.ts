import { expect, test } from "vitest";
import { distinctNames } from "~/names";

test("a name shared by two people gets each one's address; unique names stay as they are, without the address", () => {
  const rows = [
    { id: 1, name: "Bram Jansen", email: "bram.j@example.nl" },
    { id: 2, name: "Anna de Vries", email: "anna@example.nl" },
    { id: 3, name: "Bram Jansen", email: "b.jansen@example.nl" },
  ];
  expect(distinctNames(rows)).toEqual([
    { id: 1, name: "Bram Jansen (bram.j@example.nl)" },
    { id: 2, name: "Anna de Vries" },
    { id: 3, name: "Bram Jansen (b.jansen@example.nl)" },
  ]);
  expect(distinctNames([])).toEqual([]);
  // Names that read alike on a page count as the same: spaces, case, composed accents.
  const alike = distinctNames([
    { name: "Joost de Boer", email: "a@x.nl" },
    { name: "Joost  de boer ", email: "b@x.nl" },
    { name: "Rene\u0301", email: "c@x.nl" },
    { name: "René", email: "d@x.nl" },
  ]);
  expect(alike.map((r) => r.name)).toEqual(["Joost de Boer (a@x.nl)", "Joost  de boer  (b@x.nl)", "Rene\u0301 (c@x.nl)", "René (d@x.nl)"]);
});
