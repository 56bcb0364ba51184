import { expect, test } from "vitest";
import { dueDayToMs, orderTodos, type Todo } from "~/domain/todos";

test("to-dos come most urgent first: dated by due time, then the agreement to read, then undated actions", () => {
  const todos: Todo[] = [
    { kind: "action", id: "a-undated", dueAt: null },
    { kind: "vote", id: "v-late", dueAt: 3_000 },
    { kind: "acknowledge", id: "ack", dueAt: null },
    { kind: "action", id: "a-overdue", dueAt: 1_000 },
    { kind: "self-rating", id: "s", dueAt: 2_000 },
  ];
  expect(orderTodos(todos).map((t) => t.id)).toEqual(["a-overdue", "s", "v-late", "ack", "a-undated"]);
});

test("a new hire reads the agreement first: before a vote on changing a norm, or rating colleagues against the norms", () => {
  const todos: Todo[] = [
    { kind: "vote", id: "v", dueAt: 1_000 },
    { kind: "self-rating", id: "s", dueAt: 2_000 },
    { kind: "acknowledge", id: "ack", dueAt: null, firstTime: true },
  ];
  expect(orderTodos(todos).map((t) => t.id)).toEqual(["ack", "v", "s"]);
  // Someone who read an earlier version reads the new one after what is dated.
  expect(orderTodos(todos.map((t) => ({ ...t, firstTime: false }))).map((t) => t.id)).toEqual(["v", "s", "ack"]);
});

test("equal due times keep a stable order, and the input is not changed", () => {
  const todos: Todo[] = [
    { kind: "vote", id: "b", dueAt: 5 },
    { kind: "vote", id: "a", dueAt: 5 },
  ];
  expect(orderTodos(todos).map((t) => t.id)).toEqual(["a", "b"]);
  expect(todos.map((t) => t.id)).toEqual(["b", "a"]);
});

test("due days become comparable times; garbage becomes undated", () => {
  expect(dueDayToMs("2026-12-01")! < dueDayToMs("2026-12-02")!).toBe(true);
  expect(dueDayToMs(null)).toBeNull();
  expect(dueDayToMs("not a day")).toBeNull();
});
