import { describe, expect, test } from "vitest";
import { agreementChanges, agreementMarkdown, groupByCategory, type SnapshotNorm } from "~/domain/agreement";
import { hasChanges, MAX_DIFF_EDITS, wordDiff } from "~/domain/diff";
import { assignNormNumber, conflictOnApply, normCode, parseNormCode } from "~/domain/norms";

describe("norm codes", () => {
  test("N-1, N-2, … and back", () => {
    expect(normCode(1)).toBe("N-1");
    expect(normCode(12)).toBe("N-12");
    expect(parseNormCode("N-12")).toBe(12);
  });
  test("anything that is not exactly a code is rejected", () => {
    for (const bad of ["n-1", "N-0", "N-01", "N-1.5", "N1", "N-", "N--1", " N-1", "N-1 ", "N-99999999999", ""]) {
      expect(parseNormCode(bad)).toBeNull();
    }
  });
  test("the next number follows the team counter", () => {
    expect(assignNormNumber(1, [])).toBe(1);
    expect(assignNormNumber(4, [1, 2, 3])).toBe(4);
  });
  test("a code is never reused, even when a retired norm had the highest number", () => {
    // N-3 was retired; its number stays taken.
    expect(assignNormNumber(4, [1, 2, 3])).toBe(4);
    // A counter that fell behind is overruled by the numbers in use.
    expect(assignNormNumber(2, [1, 2, 5])).toBe(6);
    expect(assignNormNumber(0, [])).toBe(1);
  });
});

describe("conflict detection", () => {
  const active = (currentVersion: number) => ({ currentVersion, status: "active" as const });
  test("an add never conflicts", () => {
    expect(conflictOnApply({ kind: "add", baseVersion: null }, null)).toBeNull();
  });
  test("a change on the version it was written against applies", () => {
    expect(conflictOnApply({ kind: "change", baseVersion: 2 }, active(2))).toBeNull();
    expect(conflictOnApply({ kind: "retire", baseVersion: 1 }, active(1))).toBeNull();
  });
  test("a newer version meanwhile is a conflict", () => {
    expect(conflictOnApply({ kind: "change", baseVersion: 1 }, active(2))).toBe("norm-changed");
    expect(conflictOnApply({ kind: "retire", baseVersion: 1 }, active(3))).toBe("norm-changed");
  });
  test("a norm retired meanwhile is a conflict", () => {
    expect(conflictOnApply({ kind: "change", baseVersion: 2 }, { currentVersion: 2, status: "retired" })).toBe("norm-retired");
  });
  test("a missing norm is a conflict", () => {
    expect(conflictOnApply({ kind: "change", baseVersion: 1 }, null)).toBe("norm-missing");
  });
});

describe("word diff", () => {
  const partsOf = (before: string, after: string) => {
    const diff = wordDiff(before, after);
    if (diff.kind !== "words") throw new Error("expected a word diff");
    return diff.parts;
  };
  test("marks added and removed words and keeps the rest", () => {
    const parts = partsOf("We call back within two working days.", "We call back within one working day.");
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["two", "days"]);
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["one", "day"]);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe("We call back within two working days.");
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe("We call back within one working day.");
  });
  test("identical texts have no changes", () => {
    expect(hasChanges(wordDiff("Gelijk", "Gelijk"))).toBe(false);
    expect(hasChanges(wordDiff("", "Nieuw"))).toBe(true);
  });

  // Unrelated texts at the length limit of a body (20,000 characters) took seconds to minutes.
  const unrelated: Record<string, [string, string]> = {
    "4,000 different words": [words(4000, 7), words(4000, 13)],
    "single letters": ["a ".repeat(10_000), "b ".repeat(10_000)],
    "punctuation": [".,;:!?".repeat(3_334).slice(0, 20_000), ".".repeat(20_000)],
    "everything replaced": ["x".repeat(20_000), "y ".repeat(10_000)],
    // The same words in another order: counting words cannot tell, diffWords' own limit does.
    "the same words reversed": [unique(3000), unique(3000).split(" ").reverse().join(" ")],
  };
  // No stopwatch (it failed on a busy machine at 1.1 s): without the limits these took
  // minutes, which the test's own 10 s timeout catches; speed itself is the benchmark's.
  test.each(Object.entries(unrelated))(
    "%s: too many changes, both texts whole, not minutes of diffing",
    (_, [before, after]) => {
      const diff = wordDiff(before, after);
      expect(diff).toEqual({ kind: "too-many", before, after, limit: MAX_DIFF_EDITS });
      expect(hasChanges(diff)).toBe(true);
    },
    10_000,
  );

  test("a long text with a few changes still gets its word diff", () => {
    const before = words(4000, 7);
    const after = before.replace(/\bw1(\d)\b/g, "x$1");
    const parts = partsOf(before, after);
    expect(parts.filter((p) => p.kind === "added").length).toBeGreaterThan(0);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(after);
  });

  test("up to the limit a word diff, past it the whole texts", () => {
    const base = Array.from({ length: 600 }, (_, i) => `same${i}`).join(" ");
    const changed = (n: number) => base.split(" ").map((w, i) => (i < n ? `new${i}` : w)).join(" ");
    // n replaced words are n removals plus n additions.
    expect(wordDiff(base, changed(MAX_DIFF_EDITS / 2 - 10)).kind).toBe("words");
    expect(wordDiff(base, changed(MAX_DIFF_EDITS / 2 + 10)).kind).toBe("too-many");
  });
});

function unique(n: number) {
  return Array.from({ length: n }, (_, i) => `u${i}`).join(" ");
}

function words(n: number, step: number) {
  return Array.from({ length: n }, (_, i) => `w${(i * step) % 9973}`).join(" ");
}

describe("agreement changes", () => {
  const n = (normId: number, version: number, title = `Norm ${normId} v${version}`): SnapshotNorm => ({
    normId,
    code: `N-${normId}`,
    version,
    title,
    body: "",
    category: "customer-contact",
  });
  test("added, changed and retired since an older version", () => {
    const from = [n(1, 1), n(2, 1), n(3, 1)];
    const to = [n(1, 1), n(2, 2), n(4, 1), n(10, 1)];
    const c = agreementChanges(from, to);
    expect(c.added.map((x) => x.code)).toEqual(["N-4", "N-10"]);
    expect(c.changed.map((x) => [x.before.version, x.after.version])).toEqual([[1, 2]]);
    expect(c.retired.map((x) => x.code)).toEqual(["N-3"]);
  });
  test("from nothing, everything is added", () => {
    expect(agreementChanges([], [n(2, 1), n(1, 3)]).added.map((x) => x.code)).toEqual(["N-1", "N-2"]);
  });
  test("groups by category in a fixed order, by code number within", () => {
    const norms = [
      { ...n(11, 1), category: "complaints" as const },
      { ...n(2, 1), category: "colleagues" as const },
      { ...n(3, 1), category: "complaints" as const },
      { ...n(1, 1), category: "customer-contact" as const },
    ];
    expect(groupByCategory(norms).map((g) => [g.category, g.norms.map((x) => x.code)])).toEqual([
      ["customer-contact", ["N-1"]],
      ["complaints", ["N-3", "N-11"]],
      ["colleagues", ["N-2"]],
    ]);
  });
});

describe("agreement as Markdown", () => {
  test("title, groups by category, each norm with its code, bodies unchanged", () => {
    const md = agreementMarkdown({
      title: "Teamafspraken — Klantenservice",
      subtitle: "Versie 2",
      empty: "Nog geen normen.",
      groups: [{ heading: "Klachten", norms: [{ code: "N-1", title: "We luisteren\neerst", body: "- een\n- twee\n\n" }] }],
    });
    expect(md).toBe("# Teamafspraken — Klantenservice\n\nVersie 2\n\n## Klachten\n\n### N-1 · We luisteren eerst\n\n- een\n- twee\n");
  });
  test("an empty agreement says so, once, without a version line", () => {
    expect(agreementMarkdown({ title: "T", subtitle: "", empty: "Nog geen normen.", groups: [] })).toBe("# T\n\nNog geen normen.\n");
  });
});
