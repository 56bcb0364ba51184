import { expect, test } from "vitest";
import { dueDayToMs, orderTodos, type Todo } from "~/domain/todos";

const base = { title: "x", href: "/x" };

test("to-dos come most urgent first: dated by due time, then the agreement to read, then undated actions", () => {
  const todos: Todo[] = [
    { ...base, kind: "action", id: "a-undated", dueAt: null, normCode: null, normHref: null },
    { ...base, kind: "vote", id: "v-late", dueAt: 3_000 },
    { ...base, kind: "acknowledge", id: "ack", dueAt: null, version: 4 },
    { ...base, kind: "action", id: "a-overdue", dueAt: 1_000, normCode: "N-2", normHref: "/n" },
    { ...base, kind: "self-rating", id: "s", dueAt: 2_000 },
  ];
  expect(orderTodos(todos).map((t) => t.id)).toEqual(["a-overdue", "s", "v-late", "ack", "a-undated"]);
});

test("equal due times keep a stable order, and the input is not changed", () => {
  const todos: Todo[] = [
    { ...base, kind: "vote", id: "b", dueAt: 5 },
    { ...base, kind: "vote", id: "a", dueAt: 5 },
  ];
  expect(orderTodos(todos).map((t) => t.id)).toEqual(["a", "b"]);
  expect(todos.map((t) => t.id)).toEqual(["b", "a"]);
});

test("due days become comparable times; garbage becomes undated", () => {
  expect(dueDayToMs("2026-12-01")! < dueDayToMs("2026-12-02")!).toBe(true);
  expect(dueDayToMs(null)).toBeNull();
  expect(dueDayToMs("not a day")).toBeNull();
});
