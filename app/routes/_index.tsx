import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getCurrentSession } from "~/auth.server";
import { useT } from "~/i18n/react";
import { listTeamsForUser } from "~/models/teams.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentSession(request);
  if (!current) return { signedIn: false as const, teams: [] };
  const teams = listTeamsForUser(current.user.id).map((t) => ({
    id: t.id,
    name: t.name,
    role: t.role,
    memberCount: t.memberCount,
  }));
  return { signedIn: true as const, teams };
}

export default function Index() {
  const { signedIn, teams } = useLoaderData<typeof loader>();
  const t = useT();
  if (!signedIn) {
    return (
      <section className="intro">
        <h1>{t("home.intro.title")}</h1>
        <p className="lead">{t("home.intro.body1")}</p>
        <p>{t("home.intro.body2")}</p>
        <p className="actions">
          <Link className="button" to="/signup">
            {t("home.intro.cta")}
          </Link>
          <Link to="/login">{t("home.intro.login")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section>
      <h1>{t("home.myTeams")}</h1>
      {teams.length === 0 ? <p>{t("home.noTeams")}</p> : null}
      <ul className="cards">
        {teams.map((team) => (
          <li key={team.id} className="card">
            <h2>
              <Link to={`/teams/${team.id}`}>{team.name}</Link>
            </h2>
            <p className="muted">
              {t("home.yourRole", { role: t(`role.${team.role}`).toLocaleLowerCase(t.locale) })} · {t.plural("home.memberCount", team.memberCount)}
            </p>
          </li>
        ))}
      </ul>
      <p>
        <Link className="button" to="/teams/new">
          {t("home.createTeam")}
        </Link>
      </p>
    </section>
  );
}
