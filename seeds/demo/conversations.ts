// Demo check-in conversations for the closed cycles the check-ins seed left behind:
// Marieke's notes (shared and private) and the actions she agreed with her people,
// some done, some still open and carried over (Daan's is overdue), and members who
// prepared by writing what they want to discuss. Everything refers to the cycle's
// own norms and to each member's real frozen results (Daan's blind spot, Fatima's
// hidden strength), so it stays true whatever norms the demo has. Fixed plans and
// times relative to each cycle's closing, so every reset gives the same demo.
import { and, asc, eq, inArray } from "drizzle-orm";
import {
  checkinCycles,
  conversationActions,
  conversationNoteRevisions,
  conversationNotes,
  conversations,
  cycleNorms,
  cycleParticipants,
  cycleResults,
  normVersions,
  norms,
} from "../../db/schema";
import type { DB } from "../../db/client";
import { audit } from "../../app/models/audit.server";
import { formatNumber, todayIso } from "../../app/i18n/format";
import { DEMO_TEAM_ID, demoPeople, type DemoContext } from "./people";

const DAY = 86_400_000;
const LEAD = demoPeople.find((p) => p.role === "lead")!.id;

/** The norm a conversation is about, with the member's figures on it in that cycle. */
type Focus = { normId: number; code: string; title: string; self: number | null; peer: number | null };

type NoteSeed = {
  by: "lead" | "member";
  visibility: "shared" | "private";
  day: number;
  body: (f: Focus) => string;
  /** An edit a day later; the first text stays in the note's history. */
  editedTo?: (f: Focus) => string;
};
type ActionSeed = { day: number; text: string; aboutNorm: boolean; dueDay: number | null; doneDay?: number };
type Plan = {
  round: number;
  member: string;
  /** Which of the member's results the conversation is about; else the cycle's first norm. */
  about: "blind-spot" | "hidden-strength" | "second-norm" | "first-norm";
  heldDay: number | null;
  notes: NoteSeed[];
  actions: ActionSeed[];
};

const figures = (f: Focus) =>
  f.self !== null && f.peer !== null
    ? `Je gaf jezelf een ${f.self}; je collega's gaven je gemiddeld een ${formatNumber("nl", f.peer)}.`
    : "Er waren te weinig collegabeoordelingen voor een anoniem cijfer, dus we zijn uitgegaan van je eigen voorbeelden.";

// Days count from the cycle's closing time. Round 0 is the oldest closed cycle.
const PLANS: Plan[] = [
  {
    round: 0,
    member: "demo-daan",
    about: "blind-spot",
    heldDay: 4,
    notes: [
      {
        by: "member",
        visibility: "shared",
        day: 2,
        body: (f) =>
          `Ik vond deze check-in lastig in te vullen. Ik denk dat ik **${f.code}** goed doe, dus ik ben benieuwd waar mijn collega's dat anders zien.`,
      },
      {
        by: "lead",
        visibility: "shared",
        day: 4,
        body: (f) =>
          `We hebben het gehad over **${f.code}** („${f.title}”). ${figures(f)}\n\n` +
          "We hebben de observaties samen doorgelopen: het gaat vooral mis op drukke ochtenden, als de wachtrij oploopt. " +
          "Afgesproken dat je bij elke belofte een concrete tijd noemt en die meteen in het dossier zet.",
      },
      {
        by: "lead",
        visibility: "private",
        day: 4,
        body: (f) =>
          `Daan reageerde eerst wat defensief op de blinde vlek bij ${f.code}. Volgende keer beginnen met één concrete observatie en pas daarna de cijfers.`,
      },
    ],
    actions: [
      {
        day: 4,
        text: "Bij elke belofte aan een klant een concrete tijd noemen en die meteen in het dossier zetten",
        aboutNorm: true,
        dueDay: 28,
        doneDay: 25,
      },
    ],
  },
  {
    round: 0,
    member: "demo-fatima",
    about: "hidden-strength",
    heldDay: 5,
    notes: [
      {
        by: "lead",
        visibility: "shared",
        day: 5,
        body: (f) =>
          `Je collega's zien je op **${f.code}** sterker dan je jezelf ziet. ${figures(f)}\n\n` +
          "Wat werkt, zo blijkt uit de observaties: je blijft rustig, ook als de klant dat niet is, en je doet wat je zegt. Dat mag het team vaker van je zien.",
      },
    ],
    actions: [
      {
        day: 5,
        text: "In het teamoverleg een eigen klantgesprek nabespreken: wat deed je, en waarom werkte het?",
        aboutNorm: true,
        dueDay: 21,
        doneDay: 17,
      },
    ],
  },
  {
    round: 0,
    member: "demo-sanne",
    about: "first-norm",
    heldDay: 6,
    notes: [
      {
        by: "lead",
        visibility: "shared",
        day: 6,
        body: () =>
          "Goed gesprek. Sanne wil meer ervaring met lastige escalaties en loopt daarom twee diensten mee met Joost.",
      },
    ],
    actions: [{ day: 6, text: "Twee diensten meelopen met Joost bij escalaties", aboutNorm: false, dueDay: 30, doneDay: 26 }],
  },
  {
    round: 1,
    member: "demo-daan",
    about: "blind-spot",
    heldDay: 4,
    notes: [
      {
        by: "member",
        visibility: "shared",
        day: 2,
        body: () =>
          "Het noemen van een tijd gaat beter. Op maandag loop ik nog steeds achter met terugbellen, daar wil ik het over hebben.",
      },
      {
        by: "lead",
        visibility: "shared",
        day: 4,
        body: (f) =>
          `De actie van vorige keer is afgerond, mooi. Bij **${f.code}** zit het nu vooral in de maandagen: na het weekend liggen er te veel terugbelverzoeken.\n\n` +
          "Afgesproken dat je op maandag het eerste uur alleen terugbelt.",
      },
    ],
    actions: [
      {
        day: 4,
        text: "Op maandag het eerste uur alleen de terugbelverzoeken van het weekend afhandelen",
        aboutNorm: true,
        dueDay: 21,
      },
    ],
  },
  {
    round: 1,
    member: "demo-joost",
    about: "second-norm",
    heldDay: 6,
    notes: [
      {
        by: "lead",
        visibility: "shared",
        day: 6,
        body: (f) =>
          `We hebben **${f.code}** („${f.title}”) erbij gepakt. Aan de telefoon gaat het goed; in de chat schiet het er nog weleens bij in.`,
      },
      {
        by: "lead",
        visibility: "private",
        day: 6,
        body: () =>
          "Joost vindt het druk sinds de chat erbij kwam. In de gaten houden; eventueel met de planning kijken naar minder chatdiensten achter elkaar.",
      },
    ],
    actions: [
      {
        day: 6,
        text: "In de chat dezelfde afspraak aanhouden als aan de telefoon, en drie keer per week de eigen chats nalezen",
        aboutNorm: true,
        dueDay: 60,
      },
    ],
  },
  {
    round: 1,
    member: "demo-lotte",
    about: "first-norm",
    heldDay: 5,
    notes: [
      {
        by: "member",
        visibility: "shared",
        day: 1,
        body: () => "Ik wil het graag hebben over de nieuwe storingsscripts. Ik weet niet goed wat ik klanten mag beloven.",
      },
      {
        by: "lead",
        visibility: "shared",
        day: 5,
        body: () =>
          "Afgesproken dat we samen de belscripts voor storingen doorlopen, zodat je weet wat je wel en niet kunt toezeggen.",
      },
    ],
    actions: [{ day: 5, text: "Samen met Marieke de belscripts voor storingen doorlopen", aboutNorm: false, dueDay: null }],
  },
  {
    round: 2,
    member: "demo-daan",
    about: "blind-spot",
    heldDay: null,
    notes: [
      {
        by: "member",
        visibility: "shared",
        day: 2,
        body: (f) => `Voor ons gesprek: ik wil het over ${f.code} hebben.`,
        editedTo: (f) =>
          `Voor ons gesprek: ik merk zelf dat ik vooruitga op **${f.code}**, maar mijn collega's zien het nog niet zo. ` +
          "Ik wil weten in welke situaties het misgaat. De maandagactie is me nog niet gelukt.",
      },
      {
        by: "lead",
        visibility: "private",
        day: 3,
        body: () =>
          "Voorbereiding: de maandagactie staat nog open en is over datum. Eerst vragen wat hem tegenhoudt, niet meteen een nieuwe actie afspreken.",
      },
    ],
    actions: [],
  },
  {
    round: 2,
    member: "demo-fatima",
    about: "hidden-strength",
    heldDay: 5,
    notes: [
      {
        by: "member",
        visibility: "shared",
        day: 2,
        body: () => "Ik wil graag nieuwe collega's helpen met lastige klantgesprekken. Kan dat een vaste taak worden?",
      },
      {
        by: "lead",
        visibility: "shared",
        day: 5,
        body: (f) => `Mooi aanbod, en het past bij wat je collega's zien op **${f.code}**. ${figures(f)}`,
      },
    ],
    actions: [
      {
        day: 5,
        text: "Nieuwe collega's een dagdeel laten meeluisteren bij lastige klantgesprekken",
        aboutNorm: true,
        dueDay: 45,
      },
    ],
  },
  {
    round: 2,
    member: "demo-priya",
    about: "first-norm",
    heldDay: null,
    notes: [
      {
        by: "member",
        visibility: "shared",
        day: 3,
        body: (f) =>
          `Wat ik wil bespreken: **${f.code}** („${f.title}”). Als het echt druk is, weet ik niet goed wat voorgaat. Hoe doen anderen dat?`,
      },
    ],
    actions: [],
  },
  {
    round: 2,
    member: "demo-tom",
    about: "blind-spot",
    heldDay: null,
    notes: [
      {
        by: "lead",
        visibility: "private",
        day: 4,
        body: (f) =>
          `Voorbereiding: Tom schat zichzelf op bijna alles hoger in dan zijn collega's. Niet alles tegelijk bespreken; beginnen bij ${f.code}.`,
      },
    ],
    actions: [],
  },
];

export function seedConversations({ tx }: DemoContext, now: number) {
  const cycles = tx
    .select({ id: checkinCycles.id, closedAt: checkinCycles.closedAt })
    .from(checkinCycles)
    .where(and(eq(checkinCycles.teamId, DEMO_TEAM_ID), eq(checkinCycles.status, "closed")))
    .orderBy(asc(checkinCycles.openedAt), asc(checkinCycles.id))
    .all();
  if (cycles.length === 0) return;
  const ids = cycles.map((c) => c.id);
  const participants = new Set(
    tx
      .select({ cycleId: cycleParticipants.cycleId, userId: cycleParticipants.userId })
      .from(cycleParticipants)
      .where(inArray(cycleParticipants.cycleId, ids))
      .all()
      .map((p) => `${p.cycleId}:${p.userId}`),
  );
  const normsByCycle = tx
    .select({ cycleId: cycleNorms.cycleId, normId: cycleNorms.normId, code: norms.code, title: normVersions.title })
    .from(cycleNorms)
    .innerJoin(norms, eq(norms.id, cycleNorms.normId))
    .innerJoin(normVersions, and(eq(normVersions.normId, cycleNorms.normId), eq(normVersions.version, cycleNorms.normVersion)))
    .where(inArray(cycleNorms.cycleId, ids))
    .orderBy(asc(cycleNorms.cycleId), asc(cycleNorms.position))
    .all();
  const results = tx
    .select({
      cycleId: cycleResults.cycleId,
      userId: cycleResults.userId,
      normId: cycleResults.normId,
      self: cycleResults.selfRating,
      peer: cycleResults.peerMean,
      signal: cycleResults.signal,
    })
    .from(cycleResults)
    .where(inArray(cycleResults.cycleId, ids))
    .all();

  const nameOf = (id: string) => demoPeople.find((p) => p.id === id)!.name;

  for (const plan of PLANS) {
    const cycle = cycles[plan.round];
    if (!cycle?.closedAt || !participants.has(`${cycle.id}:${plan.member}`)) continue;
    const cycleNormList = normsByCycle.filter((n) => n.cycleId === cycle.id);
    if (cycleNormList.length === 0) continue;
    const mine = results.filter((r) => r.cycleId === cycle.id && r.userId === plan.member);
    const bySignal = plan.about === "blind-spot" || plan.about === "hidden-strength" ? mine.find((r) => r.signal === plan.about) : null;
    const norm =
      cycleNormList.find((n) => n.normId === bySignal?.normId) ??
      (plan.about === "second-norm" ? cycleNormList[1] : undefined) ??
      cycleNormList[0];
    const result = mine.find((r) => r.normId === norm.normId);
    const focus: Focus = { normId: norm.normId, code: norm.code, title: norm.title, self: result?.self ?? null, peer: result?.peer ?? null };

    // Office hours (from 09:00 or 10:00 Dutch time, by season) on days after the closing,
    // a few minutes apart in plan order, so notes read in the order they were written.
    let tick = 0;
    const closingDay = Math.floor(cycle.closedAt / DAY) * DAY;
    const at = (day: number) => Math.min(closingDay + day * DAY + 8 * 3_600_000 + tick++ * 7 * 60_000, now - 60_000);
    const firstDay = Math.min(...plan.notes.map((n) => n.day), ...plan.actions.map((a) => a.day));
    const conversationId = tx
      .insert(conversations)
      .values({ teamId: DEMO_TEAM_ID, cycleId: cycle.id, memberId: plan.member, createdAt: at(firstDay) })
      .returning({ id: conversations.id })
      .get().id;

    for (const note of plan.notes) {
      const authorId = note.by === "lead" ? LEAD : plan.member;
      const createdAt = at(note.day);
      const first = note.body(focus);
      const { id } = tx
        .insert(conversationNotes)
        .values({ teamId: DEMO_TEAM_ID, conversationId, authorId, visibility: note.visibility, body: first, createdAt, updatedAt: createdAt })
        .returning({ id: conversationNotes.id })
        .get();
      if (note.editedTo) {
        const editedAt = at(note.day + 1);
        tx.insert(conversationNoteRevisions).values({ teamId: DEMO_TEAM_ID, noteId: id, body: first, editedAt }).run();
        tx.update(conversationNotes).set({ body: note.editedTo(focus), updatedAt: editedAt }).where(eq(conversationNotes.id, id)).run();
      }
    }

    for (const action of plan.actions) {
      const createdAt = at(action.day);
      const doneAt = action.doneDay === undefined ? null : at(action.doneDay);
      const { id } = tx
        .insert(conversationActions)
        .values({
          teamId: DEMO_TEAM_ID,
          conversationId,
          memberId: plan.member,
          text: action.text,
          normId: action.aboutNorm ? focus.normId : null,
          dueOn: action.dueDay === null ? null : todayIso(closingDay + action.dueDay * DAY + 12 * 3_600_000),
          doneAt,
          // Members mark their own actions done.
          doneBy: doneAt === null ? null : plan.member,
          createdBy: LEAD,
          createdAt,
        })
        .returning({ id: conversationActions.id })
        .get();
      const subject = nameOf(plan.member);
      audit(tx, { teamId: DEMO_TEAM_ID, actorId: LEAD, kind: "conversation.action-created", subject, data: { cycleId: cycle.id, actionId: id }, at: createdAt });
      if (doneAt !== null) {
        audit(tx, { teamId: DEMO_TEAM_ID, actorId: plan.member, kind: "conversation.action-done", subject, data: { actionId: id }, at: doneAt });
      }
    }

    if (plan.heldDay !== null) {
      const heldAt = at(plan.heldDay);
      tx.update(conversations).set({ heldAt, heldBy: LEAD }).where(eq(conversations.id, conversationId)).run();
      audit(tx, { teamId: DEMO_TEAM_ID, actorId: LEAD, kind: "conversation.held", subject: nameOf(plan.member), data: { cycleId: cycle.id }, at: heldAt });
    }
  }
}
