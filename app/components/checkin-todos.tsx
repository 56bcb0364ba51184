import { Link } from "@remix-run/react";
import type { CheckinTodo } from "../models/checkins.server";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/react";

/** Team home to-dos from `checkinTodos(teamId, userId)`: my open self rating and the colleagues I still rate. */
export function CheckinTodoList({ teamId, todos }: { teamId: string; todos: CheckinTodo[] }) {
  const t = useT();
  return (
    <ul className="status-list">
      {todos.flatMap((c) => {
        const base = `/teams/${teamId}/checkins/${c.cycleId}`;
        const date = formatDate(t.locale, c.closesAt, "datetime");
        return [
          c.selfOpen ? (
            <li key={`${c.cycleId}-self`}>
              <Link to={`${base}/self`}>{t("checkins.todo.self", { cycle: c.title, date })}</Link>
            </li>
          ) : null,
          ...c.peersOpen.map((p) => (
            <li key={`${c.cycleId}-${p.userId}`}>
              <Link to={`${base}/peers/${p.userId}`}>{t("checkins.todo.peer", { name: p.name, cycle: c.title, date })}</Link>
            </li>
          )),
        ];
      })}
    </ul>
  );
}
