import { describe, expect, test } from "vitest";
import { concretenessHints, type HintKind } from "~/domain/concreteness";

const kinds = (title: string) => concretenessHints(title).map((h) => h.kind).sort();

// Norms a service team would actually write after a training: each concrete one
// names an action a colleague can observe and a moment, time limit or amount.
const concreteEnglish = [
  "We call a customer back within one working day when we promised to.",
  "We never transfer a call without giving the customer the colleague's name and a time.",
  "When a customer complains, we let them finish before we ask a question.",
  "Two days after a complaint is solved, we call the customer to check it is really solved.",
  "Every team member may refund up to €100 without asking a lead.",
  "We answer a colleague's internal question on the same day.",
  "When a customer waits longer than 2 minutes on hold, we tell them how long it will take.",
  "We reply to every e-mail within 24 hours, also when we do not have the answer yet.",
  "At the end of every call we summarise what we agreed and what happens next.",
  "We confirm every promise to a customer by e-mail within one hour.",
  "If we cannot solve a problem ourselves, we escalate it to the lead before 17:00 the same day.",
  "We note the reason for the call in the CRM during every call.",
  "We greet every customer at the counter within 30 seconds.",
  "We never say 'my colleague will be right with you' without a name and a time.",
];

const concreteDutch = [
  "We bellen een klant binnen één werkdag terug als we dat hebben beloofd.",
  "Bij doorverbinden noemen we altijd de naam van de collega en een tijdstip.",
  "We laten een klant met een klacht uitpraten voordat we een vraag stellen.",
  "Twee dagen nadat een klacht is opgelost, bellen we de klant na om te horen of alles werkt.",
  "Iedere medewerker mag een probleem tot €100 zelf oplossen zonder overleg met de teamleider.",
  "Interne vragen van collega's beantwoorden we dezelfde werkdag.",
  "Als een klant langer dan 2 minuten in de wacht staat, vertellen we hoe lang het nog duurt.",
  "We beantwoorden elke e-mail binnen 24 uur, ook als we het antwoord nog niet weten.",
  "Aan het eind van elk gesprek vatten we samen wat we hebben afgesproken.",
  "We bevestigen elke toezegging binnen een uur per e-mail.",
  "Kunnen we een probleem niet zelf oplossen, dan zetten we het vóór 17.00 uur door naar de teamleider.",
  "Tijdens elk gesprek noteren we de reden van contact in het klantsysteem.",
  "We zeggen nooit ‘mijn collega komt zo bij u’ zonder naam en tijdstip.",
  "Na elke klacht vragen we de klant wat we hadden kunnen voorkomen.",
];

const vagueEnglish: [string, HintKind[]][] = [
  ["We are friendly to every customer.", ["no-action", "vague-attitude"]],
  ["We always give good service.", ["no-trigger", "vague-quality"]],
  ["We handle complaints professionally.", ["no-action", "no-trigger", "vague-attitude"]],
  ["We call customers back as soon as possible.", ["vague-speed"]],
  ["Where possible, we solve the problem ourselves.", ["no-trigger", "vague-hedge"]],
  ["We try to keep customers informed.", ["no-trigger", "vague-hedge"]],
  ["We are customer-oriented.", ["no-action", "no-trigger", "vague-attitude"]],
  ["We listen carefully to customers.", ["no-trigger", "vague-attitude"]],
  ["We respond quickly to e-mails.", ["vague-speed"]],
  ["Customer satisfaction is our top priority.", ["no-action", "no-trigger", "vague-quality"]],
  ["We go the extra mile for our customers.", ["no-action", "no-trigger", "vague-quality"]],
  ["We show empathy and understanding.", ["no-trigger", "vague-attitude"]],
  ["Our service is excellent and personal.", ["no-action", "no-trigger", "vague-quality"]],
  ["We deal with colleagues in a respectful way.", ["no-action", "no-trigger", "vague-attitude"]],
];

const vagueDutch: [string, HintKind[]][] = [
  ["We zijn altijd klantvriendelijk.", ["no-action", "no-trigger", "vague-attitude"]],
  ["We werken professioneel en klantgericht.", ["no-action", "no-trigger", "vague-attitude"]],
  ["We bellen klanten zo snel mogelijk terug.", ["vague-speed"]],
  ["Waar mogelijk lossen we het probleem direct op.", ["no-trigger", "vague-hedge"]],
  ["We leveren goede service.", ["no-action", "no-trigger", "vague-quality"]],
  ["We proberen klachten zoveel mogelijk in één keer op te lossen.", ["vague-hedge"]],
  ["We gaan respectvol met elkaar om.", ["no-action", "no-trigger", "vague-attitude"]],
  ["We reageren tijdig op e-mails.", ["vague-speed"]],
  ["De klant staat bij ons centraal.", ["no-action", "vague-quality"]],
  ["We luisteren goed naar de klant.", ["no-trigger", "vague-quality"]],
  ["We bieden een optimale klantbeleving.", ["no-trigger", "vague-quality"]],
  ["We zijn er altijd voor onze klanten.", ["no-action", "no-trigger"]],
  ["We handelen klachten netjes en correct af.", ["no-action", "no-trigger", "vague-attitude"]],
  ["Collega's helpen elkaar waar nodig.", ["no-action", "no-trigger", "vague-hedge"]],
];

describe("concrete norms get no hints", () => {
  test.each(concreteEnglish)("EN: %s", (title) => expect(kinds(title)).toEqual([]));
  test.each(concreteDutch)("NL: %s", (title) => expect(kinds(title)).toEqual([]));
});

describe("vague norms get the hints that explain why", () => {
  test.each(vagueEnglish)("EN: %s", (title, expected) => expect(kinds(title)).toEqual([...expected].sort()));
  test.each(vagueDutch)("NL: %s", (title, expected) => expect(kinds(title)).toEqual([...expected].sort()));
});

test("at least 20 real-looking norms per language", () => {
  expect(concreteEnglish.length + vagueEnglish.length).toBeGreaterThanOrEqual(20);
  expect(concreteDutch.length + vagueDutch.length).toBeGreaterThanOrEqual(20);
});

test("the hint names the vague words it found, longest phrase first", () => {
  const hints = concretenessHints("We geven zo snel mogelijk een vriendelijk antwoord, waar mogelijk.");
  expect(hints.find((h) => h.kind === "vague-speed")?.words).toEqual(["zo snel mogelijk"]);
  expect(hints.find((h) => h.kind === "vague-attitude")?.words).toEqual(["vriendelijk"]);
  expect(hints.find((h) => h.kind === "vague-hedge")?.words).toEqual(["waar mogelijk"]);
  expect(concretenessHints("We give good service to everyone")[0]).toEqual({ kind: "vague-quality", words: ["good service"] });
});

test("words inside longer words are not vague ('snelheid' is not 'snel', 'goedkeuring' is not 'goed')", () => {
  expect(kinds("We vragen binnen één werkdag goedkeuring van de teamleider.")).toEqual([]);
});

test("'as soon as' is a trigger, 'as soon as possible' is vague", () => {
  expect(kinds("We call the customer as soon as the part has arrived.")).toEqual([]);
  expect(kinds("We call the customer as soon as possible.")).toEqual(["vague-speed"]);
});

test("blank, strange and very long input never throws", () => {
  expect(concretenessHints("")).toEqual([]);
  expect(concretenessHints("   ")).toEqual([]);
  for (const s of ["<script>alert(1)</script>", "🙂🙂🙂", "\u202Etxet", "a".repeat(20_000), "'", "„", "((((", "\\"]) {
    expect(() => concretenessHints(s)).not.toThrow();
  }
});
