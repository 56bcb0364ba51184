import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/forms";
import { CopyButton } from "~/components/copy-button";
import { ScrollBox } from "~/components/scroll-box";
import { redirectWithFlash } from "~/flash.server";
import { singleFields } from "~/form-data";
import { msg, parseMsg, rowId } from "~/forms";
import type { MessageKey } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { appOrigin } from "~/origin.server";
import {
  createInvite,
  listActiveInvites,
  listMembers,
  removeMember,
  revokeInvite,
  setRole,
  type MembershipChange,
} from "~/models/teams.server";
import { notFound, requireLead, requireMember } from "~/permissions.server";

export { ErrorBoundary } from "~/components/error-page";

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("revoke-invite"), inviteId: rowId() }),
  z.object({ intent: z.literal("set-role"), userId: z.string().min(1), role: z.enum(["lead", "member"]) }),
  z.object({ intent: z.literal("remove"), userId: z.string().min(1) }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, isLead } = await requireMember(request, params);
  const members = listMembers(team.id).map((m) => ({ ...m, email: isLead ? m.email : null }));
  const origin = appOrigin(request);
  const invites = isLead
    ? listActiveInvites(team.id).map((i) => ({ id: i.id, url: `${origin}/join/${i.token}`, path: `/join/${i.token}`, createdAt: i.createdAt, expiresAt: i.expiresAt }))
    : [];
  return { teamId: team.id, userId: user.id, isLead, members, invites };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireLead(request, params);
  // Each field once: with userId sent twice, which member would a script have meant to remove?
  const fields = singleFields(await request.formData());
  if (!fields) return data({ error: msg("form.repeated") }, { status: 400 });
  const parsed = schema.safeParse(fields);
  if (!parsed.success) return data({ error: msg("form.invalidChoice") }, { status: 400 });
  const input = parsed.data;
  const back = `/teams/${team.id}/members`;
  switch (input.intent) {
    case "invite":
      createInvite(team.id, user.id);
      return redirectWithFlash(back, { key: "members.inviteCreated" });
    case "revoke-invite":
      // An id this team never had (another team's, made up) is not found here.
      if (!revokeInvite(team.id, user.id, input.inviteId)) notFound();
      return redirectWithFlash(back, { key: "members.inviteRevoked" });
    case "set-role":
      return outcome(setRole(team.id, user.id, input.userId, input.role), back, "members.roleChanged");
    case "remove":
      // A lead who leaves can no longer see the members page, so they go to their teams.
      return outcome(removeMember(team.id, user.id, input.userId), input.userId === user.id ? "/" : back, "members.removed");
  }
}

async function outcome(result: MembershipChange, back: string, done: MessageKey) {
  if (result === "last-lead") return data({ error: msg("members.lastLead") }, { status: 400 });
  if (result === "not-member") return data({ error: msg("members.notMember") }, { status: 400 });
  return redirectWithFlash(back, { key: done });
}

export default function Members() {
  const { isLead, members, invites, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const error = actionData?.error ? parseMsg(actionData.error) : null;
  const leads = members.filter((m) => m.role === "lead").length;
  return (
    <section>
      <h1>{t("members.title")}</h1>
      {error ? (
        <div className="form-error" role="alert" tabIndex={-1}>
          <p>{t(error.key as MessageKey, error.params)}</p>
        </div>
      ) : null}
      <ScrollBox label={t("members.title")}>
      <table className="table members-table">
        <caption className="visually-hidden">{t("members.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("members.name")}</th>
            {isLead ? (
              <th scope="col" className="wide-only">
                {t("members.email")}
              </th>
            ) : null}
            <th scope="col" className="wide-only">
              {t("members.role")}
            </th>
            <th scope="col" className="wide-only">
              {t("members.joined")}
            </th>
            {isLead ? <th scope="col">{t("members.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                {m.name}
                {m.id === userId ? <span className="muted"> ({t("shell.you")})</span> : null}
                {/* On a phone address, role and date go under the name: as columns they
                    pushed the buttons off the screen. */}
                {isLead ? <span className="narrow-only muted">{m.email}</span> : null}
                <span className="narrow-only muted">
                  {t(`role.${m.role}`)} · {formatDate(t.locale, m.joinedAt)}
                </span>
              </th>
              {isLead ? <td className="wide-only">{m.email}</td> : null}
              <td className="wide-only">{t(`role.${m.role}`)}</td>
              <td className="wide-only">{formatDate(t.locale, m.joinedAt)}</td>
              {isLead && m.role === "lead" && leads === 1 ? (
                // Both would be refused (a team keeps a lead): say so instead of offering them.
                <td className="muted">{t("members.onlyLead")}</td>
              ) : isLead ? (
                <td>
                  {/* Flex inside the cell: a flex cell stops being a table cell, and its row's line broke off. */}
                  <div className="row-actions">
                    <Form method="post">
                      <input type="hidden" name="intent" value="set-role" />
                      <input type="hidden" name="userId" value={m.id} />
                      <input type="hidden" name="role" value={m.role === "lead" ? "member" : "lead"} />
                      {/* The name is spoken after the visible words (not instead of them, as
                          aria-label would), so voice control users can say what they see. */}
                      <button type="submit" className="button secondary">
                        {m.role === "lead" ? t("members.makeMember") : t("members.makeLead")}
                        <span className="visually-hidden">: {m.name}</span>
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.id} />
                      <button type="submit" className="button danger" data-confirm={m.id === userId ? t("members.confirmLeave") : t("members.confirmRemove", { name: m.name })}>
                        {t("members.removeShort")}
                        <span className="visually-hidden">: {m.name}</span>
                      </button>
                    </Form>
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollBox>

      {isLead ? (
        <section aria-labelledby="invites-title" className="panel">
          <h2 id="invites-title">{t("members.invites")}</h2>
          <p>{t("members.invitesHelp")}</p>
          {invites.length === 0 ? <p className="muted">{t("members.noInvites")}</p> : null}
          <ul className="invites">
            {invites.map((invite, i) => (
              <li key={invite.id}>
                <a href={invite.path} className="invite-link">
                  {invite.url}
                </a>
                <span className="muted"> {t("members.inviteExpires", { date: formatDate(t.locale, invite.expiresAt, "datetime") })}</span>{" "}
                {/* Two links made in the same minute read alike: their place in the list tells them apart. */}
                <CopyButton text={invite.url} describe={t("members.inviteOf", { n: i + 1, date: formatDate(t.locale, invite.createdAt, "datetime") })} />
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="revoke-invite" />
                  <input type="hidden" name="inviteId" value={invite.id} />
                  <button type="submit" className="button secondary">
                    {t("members.revoke")}
                    <span className="visually-hidden">
                      : {t("members.inviteOf", { n: i + 1, date: formatDate(t.locale, invite.createdAt, "datetime") })}
                    </span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post">
            <SubmitButton name="intent" value="invite">
              {t("members.createInvite")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
