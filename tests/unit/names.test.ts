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
});
