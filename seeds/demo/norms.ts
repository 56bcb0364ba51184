// The demo team's norms: six adopted after the service training (agreement
// version 6), one proposal that did not make it, one change being voted on now
// and one draft under discussion. Everything goes through the same model
// functions as the app, with timestamps spread over the team's five months.
import type { DB } from "../../db/client";
import { acknowledgeTx } from "../../app/models/agreement.server";
import {
  addCommentTx,
  castVoteTx,
  closeProposalTx,
  createProposalTx,
  openVoteTx,
  type NewProposal,
} from "../../app/models/proposals.server";
import type { VoteChoice } from "../../app/domain/votes";
import { DEMO_TEAM_ID, demoPeople, type DemoContext } from "./people";

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Person = "marieke" | "sanne" | "daan" | "fatima" | "joost" | "priya" | "tom" | "lotte";
const id = (p: Person) => `demo-${p}`;
const isLead = (p: Person) => demoPeople.find((x) => x.id === id(p))?.role === "lead";
const actor = (p: Person) => ({ id: id(p), isLead: isLead(p) });

type Story = {
  author: Person;
  day: number;
  proposal: NewProposal;
  comments?: [Person, number, string][];
  /** Day the vote opens; it runs the team's usual seven days. */
  voteDay?: number;
  votes?: [Person, VoteChoice, string?][];
};

/** Drafts, discusses, votes and (when the vote is over by `now`) closes one proposal. Returns its id. */
function tell(tx: DB, start: number, now: number, s: Story) {
  const created = start + s.day * DAY + 9 * HOUR;
  const proposalId = createProposalTx(tx, DEMO_TEAM_ID, id(s.author), s.proposal, created);
  if (proposalId === null) throw new Error(`demo: proposal of ${s.author} on day ${s.day} names no active norm`);
  for (const [who, hours, text] of s.comments ?? []) {
    const r = addCommentTx(tx, DEMO_TEAM_ID, actor(who), proposalId, text, created + hours * HOUR);
    if ("refused" in r) throw new Error(`demo: comment refused (${r.refused})`);
  }
  if (s.voteDay === undefined) return proposalId;
  const opened = start + s.voteDay * DAY + 10 * HOUR;
  const closesAt = opened + 7 * DAY;
  const r = openVoteTx(tx, DEMO_TEAM_ID, actor(s.author), proposalId, closesAt, opened);
  if ("refused" in r) throw new Error(`demo: vote not opened (${r.refused})`);
  (s.votes ?? []).forEach(([who, choice, reason = ""], i) => {
    const at = opened + (i + 1) * 7 * HOUR;
    const v = castVoteTx(tx, DEMO_TEAM_ID, actor(who), proposalId, choice, reason, Math.min(at, closesAt - HOUR));
    if ("refused" in v) throw new Error(`demo: vote refused (${v.refused})`);
  });
  if (closesAt <= now) closeProposalTx(tx, proposalId, { now: closesAt, actorId: null, early: false });
  return proposalId;
}

const allAgree = (...except: Person[]): [Person, VoteChoice][] =>
  (["marieke", "sanne", "daan", "fatima", "joost", "priya", "tom", "lotte"] as Person[])
    .filter((p) => !except.includes(p))
    .map((p) => [p, "agree"]);

export function seedNorms({ tx, start }: DemoContext) {
  const now = start + 150 * DAY;
  const story = (s: Story) => tell(tx, start, now, s);

  // N-1 — terugbellen
  story({
    author: "sanne",
    day: 8,
    proposal: {
      kind: "add",
      category: "follow-up",
      title: "We bellen een klant binnen één werkdag terug als we dat hebben beloofd.",
      body: [
        "**Waarom:** een klant die op een beloofd telefoontje wacht, belt zelf opnieuw – en is dan al boos voordat het gesprek begint. Een belofte die we niet nakomen kost meer vertrouwen dan een eerlijk „dat weet ik nog niet”.",
        "",
        "**Zo ziet het eruit**",
        "- Je belt terug vóór het einde van de volgende werkdag, ook als er nog geen oplossing is: dan vertel je waar het staat en wanneer je weer belt.",
        "- Kun je zelf niet, dan zet je het terugbelverzoek met naam en nummer in het klantsysteem en vraag je een collega het over te nemen.",
        "",
        "**Zo niet:** „We bellen u zo snel mogelijk terug” zeggen en het daarna aan het toeval overlaten.",
      ].join("\n"),
    },
    comments: [
      ["daan", 3, "Geldt dit ook voor e-mail? Daar beloven we ook vaak iets."],
      ["sanne", 5, "Goede vraag. Ik zou het bij telefoon houden; voor e-mail maken we liever een aparte afspraak."],
      ["marieke", 26, "Eens. Eén werkdag is haalbaar, ook op maandag, als we het terugbelverzoek altijd in het systeem zetten."],
    ],
    voteDay: 10,
    votes: [...allAgree("lotte", "tom"), ["tom", "abstain"]],
  });

  // Rejected: too vague, which is how the team learned to write concrete norms.
  story({
    author: "joost",
    day: 9,
    proposal: { kind: "add", category: "customer-contact", title: "We zijn altijd vriendelijk en professioneel aan de telefoon.", body: "Zo willen we gezien worden door onze klanten." },
    comments: [
      ["fatima", 4, "Mee eens dat het belangrijk is, maar wat zie ik dan als ik naast je zit? Dit kunnen we bij een check-in niet beoordelen."],
      ["priya", 22, "In de training ging het juist om concreet gedrag, zoals je naam noemen en laten uitpraten."],
    ],
    voteDay: 11,
    votes: [
      ["joost", "agree"],
      ["tom", "agree"],
      ["fatima", "object", "Te vaag: iedereen vindt zichzelf al vriendelijk. Maak er gedrag van dat we kunnen zien."],
      ["priya", "object", "Niet te toetsen. Liever een norm over naam noemen en laten uitpraten."],
      ["daan", "object", "Eens met Fatima."],
      ["sanne", "abstain"],
    ],
  });

  // N-2 — doorverbinden
  story({
    author: "fatima",
    day: 12,
    proposal: {
      kind: "add",
      category: "customer-contact",
      title: "Bij doorverbinden noemen we de naam van de collega en een tijdstip waarop die de klant helpt.",
      body: [
        "**Waarom:** „Mijn collega komt zo bij u” klinkt behulpzaam, maar de klant weet niet bij wie en hoe lang. Uit de training: dit is precies de zin waarvan we het effect niet zien.",
        "",
        "**Zo ziet het eruit:** „Ik verbind u door met Daan van facturen; hij neemt binnen twee minuten op.” Lukt dat niet, dan spreek je een terugbeltijd af.",
        "",
        "**Zo niet:** doorverbinden zonder aankondiging, of „er komt zo iemand bij u”.",
      ].join("\n"),
    },
    comments: [["joost", 20, "Goed voorbeeld. En als de collega niet opneemt? Dan bellen we zelf de klant terug, toch?"]],
    voteDay: 14,
    votes: [...allAgree("joost"), ["joost", "agree", "Mits we de wachttijd in het systeem kunnen zien."]],
  });

  // N-3 — klacht laten uitpraten
  story({
    author: "priya",
    day: 30,
    proposal: {
      kind: "add",
      category: "complaints",
      title: "Bij een klacht laten we de klant eerst uitpraten voordat we een vraag stellen of een oplossing noemen.",
      body: [
        "**Waarom:** driekwart van een klacht is vaak frustratie. Wie te snel met een oplossing komt, lost het verkeerde probleem op en de klant voelt zich niet gehoord.",
        "",
        "**Zo ziet het eruit:** je onderbreekt niet, je vat daarna in één of twee zinnen samen wat je hoorde („Dus u heeft twee keer gebeld en niemand belde terug”) en vraagt of dat klopt.",
        "",
        "**Zo niet:** na de eerste zin al „Dan moet u even…” zeggen.",
      ].join("\n"),
    },
    comments: [
      ["tom", 6, "Ook bij een klant die heel lang doorgaat?"],
      ["priya", 8, "Ja, tot de klant zelf stopt. Daarna samenvatten helpt juist om het gesprek weer te sturen."],
    ],
    voteDay: 32,
    votes: [...allAgree("tom"), ["tom", "agree", "Overtuigd door Priya's uitleg."]],
  });

  // N-4 — nabellen na een opgeloste klacht
  story({
    author: "daan",
    day: 45,
    proposal: {
      kind: "add",
      category: "follow-up",
      title: "Twee werkdagen nadat een klacht is opgelost, bellen we de klant na om te vragen of het echt is opgelost.",
      body: [
        "**Waarom:** „opgelost” in ons systeem is niet altijd opgelost voor de klant. Eén kort telefoontje laat zien dat we het menen en vangt wat we misten.",
        "",
        "**Zo ziet het eruit:** wie de klacht afsluit, zet meteen een nabelafspraak over twee werkdagen in de agenda en noteert na het gesprek de uitkomst.",
        "",
        "**Zo niet:** een standaardmail met een enquête.",
      ].join("\n"),
    },
    voteDay: 47,
    votes: [...allAgree("lotte", "joost"), ["joost", "abstain"], ["lotte", "object", "Bij drukte lukt twee werkdagen niet; liever binnen een week."]],
  });

  // N-5 — mandaat tot een bedrag
  story({
    author: "marieke",
    day: 60,
    proposal: {
      kind: "add",
      category: "escalation",
      title: "Iedere medewerker mag een probleem van een klant tot €50 zelf oplossen, zonder eerst toestemming te vragen.",
      body: [
        "**Waarom:** een klant die moet wachten op „even overleggen met mijn leidinggevende” voor een klein bedrag, ervaart dat als wantrouwen – naar hem én naar jou.",
        "",
        "**Zo ziet het eruit:** een vergoeding, gratis verzending of tegoed tot €50 regel je direct in het gesprek en je noteert het in het klantsysteem met de reden.",
        "",
        "**Zo niet:** de klant terugbellen nadat je toestemming hebt gekregen voor een bedrag van €15.",
      ].join("\n"),
    },
    comments: [
      ["sanne", 2, "Fijn! Geldt dit ook voor nieuwe collega's in hun eerste maand?"],
      ["marieke", 5, "Ja, iedereen. Wie twijfelt, mag het altijd even checken – maar het hoeft niet."],
    ],
    voteDay: 62,
    votes: allAgree(),
  });

  // N-6 — interne vragen dezelfde werkdag
  story({
    author: "tom",
    day: 90,
    proposal: {
      kind: "add",
      category: "colleagues",
      title: "Interne vragen van collega's beantwoorden we dezelfde werkdag, ook als het antwoord is wanneer we het weten.",
      body: [
        "**Waarom:** een collega die op ons wacht, laat op zijn beurt een klant wachten. Interne service is klantenservice met één tussenstap.",
        "",
        "**Zo ziet het eruit:** je reageert vóór het einde van je werkdag in de teamchat of per mail: met het antwoord, of met „ik weet het morgen om 12.00 uur”.",
        "",
        "**Zo niet:** een vraag laten liggen omdat je het antwoord nog niet hebt.",
      ].join("\n"),
    },
    comments: [["fatima", 24, "Ook voor vragen van andere afdelingen?"], ["tom", 26, "Ja, voor iedereen die intern iets van ons nodig heeft."]],
    voteDay: 92,
    votes: [...allAgree("daan", "priya"), ["daan", "abstain"]],
  });

  // Most members confirmed version 6; Joost last read version 4, Lotte version 3.
  const acks: [Person, number, number][] = [
    ["marieke", 6, 100],
    ["sanne", 6, 100],
    ["fatima", 6, 101],
    ["priya", 6, 102],
    ["tom", 6, 103],
    ["daan", 6, 106],
    ["sanne", 3, 40],
    ["daan", 3, 41],
    ["joost", 4, 56],
    ["lotte", 3, 42],
  ];
  for (const [who, version, day] of acks.sort((a, b) => a[2] - b[2])) {
    const r = acknowledgeTx(tx, DEMO_TEAM_ID, id(who), version, start + day * DAY + 11 * HOUR);
    if (r === "no-such-version") throw new Error(`demo: agreement version ${version} missing`);
  }

  // Being voted on now: raise the N-5 amount. Opened four days ago, closes in three.
  story({
    author: "lotte",
    day: 140,
    proposal: {
      kind: "change",
      normCode: "N-5",
      category: "escalation",
      title: "Iedere medewerker mag een probleem van een klant tot €100 zelf oplossen, zonder eerst toestemming te vragen.",
      body: [
        "**Waarom:** een klant die moet wachten op „even overleggen met mijn leidinggevende” voor een klein bedrag, ervaart dat als wantrouwen – naar hem én naar jou.",
        "",
        "**Zo ziet het eruit:** een vergoeding, gratis verzending of tegoed tot €100 regel je direct in het gesprek en je noteert het in het klantsysteem met de reden. Boven de €100 bel je dezelfde dag de teamleider.",
        "",
        "**Zo niet:** de klant terugbellen nadat je toestemming hebt gekregen voor een bedrag van €15.",
      ].join("\n"),
    },
    comments: [
      ["lotte", 1, "In de afgelopen maand zaten vijf van de negen escalaties tussen €50 en €100. Die hadden we allemaal direct kunnen regelen."],
      ["daan", 30, "Ik snap het, maar voor collega's in hun eerste maand vind ik €100 veel."],
      ["marieke", 50, "Het systeem laat zien dat niemand het mandaat tot nu toe misbruikt heeft. Ik sta erachter."],
    ],
    voteDay: 146,
    votes: [
      ["marieke", "agree"],
      ["sanne", "agree", "Scheelt mij elke week een paar telefoontjes naar Marieke."],
      ["daan", "object", "€100 zonder overleg vind ik te veel voor nieuwe collega's in hun eerste maand."],
      ["priya", "abstain"],
    ],
  });

  // A draft under discussion, still vague: the concreteness tips show why.
  story({
    author: "joost",
    day: 143,
    proposal: { kind: "add", category: "customer-contact", title: "We reageren zo snel mogelijk op e-mails van klanten.", body: "Klanten mailen steeds vaker in plaats van te bellen." },
    comments: [
      ["fatima", 5, "Wat is „zo snel mogelijk”? Kunnen we een termijn afspreken, bijvoorbeeld binnen 24 uur?"],
      ["marieke", 28, "Eens met Fatima. En als het antwoord nog niet bekend is: dan toch binnen die termijn een tussenbericht met wanneer het wel komt?"],
      ["joost", 51, "Goede punten. Ik pas het aan na het teamoverleg van donderdag."],
    ],
  });
}
