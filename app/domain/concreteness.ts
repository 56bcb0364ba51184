// Concreteness hints for a norm's title, in English and Dutch. A norm works when
// a colleague can observe whether it was kept: an action you can see or hear, and
// a moment, time limit or amount. These are heuristics that advise; they never
// block saving (a team may know better), so a false alarm costs little and a
// missed vague word costs little too.

export type HintKind =
  | "vague-attitude"
  | "vague-speed"
  | "vague-hedge"
  | "vague-quality"
  | "no-action"
  | "no-trigger";

export type ConcretenessHint = { kind: HintKind; words: string[] };

type VagueKind = Extract<HintKind, `vague-${string}`>;

// Patterns are regular-expression sources matched as whole words, case-insensitive.
// A look-behind names the word before a pattern as a whole word too ("zoals" is not "als").
const VAGUE: Record<VagueKind, string[]> = {
  "vague-attitude": [
    // English
    "friendly", "friendlier", "friendliness", "customer[- ]?friendly", "customer[- ]?(?:oriented|focused|centric)",
    "service[- ]?(?:minded|oriented)", "professional(?:ly|ism)?", "polite(?:ly|ness)?", "courteous(?:ly)?",
    "respectful(?:ly)?", "kindly", "nice(?:ly)?", "helpful", "empath(?:y|etic|etically|ic)", "(?<!(?:'s|(?<![\\p{L}\\p{N}])(?:their|his|her|your|the))\\s+)understanding",
    "positive(?: attitude)?", "open[- ]minded", "approachable", "proactive(?:ly)?", "with a smile", "properly",
    "appropriate(?:ly)?", "engaged", "enthusiastic(?:ally)?", "careful(?:ly)?", "thorough(?:ly)?", "seriously",
    "attentive(?:ly)?", "personal attention", "customer[- ]first", "hospitable", "(?:full|undivided) attention",
    "actively", "honest(?:ly)?", "clearly",
    // Dutch
    "klantvriendelijk(?:e|er|heid)?", "vriendelijk(?:e|er|heid)?", "klantgericht(?:e|er|heid)?",
    "servicegericht(?:e|er|heid)?", "professione(?:el|le)", "professionaliteit", "beleefd(?:e|heid)?",
    "respectvol(?:le)?", "met respect", "netjes", "correct(?:e)?(?!\\s+(?:is|zijn|was|waren|staat|staan)(?![\\p{L}]))", "behulpza(?:am|me)", "empathi(?:e|sch|sche)", "invoelend(?:e)?",
    "begrip", "positie(?:f|ve)(?: (?:houding|instelling))?", "proactie(?:f|ve)", "betrokken(?:heid)?",
    "enthousiast(?:e)?", "met een glimlach", "aardig(?:e)?", "prettig(?:e)?", "zorgvuldig(?:e|heid)?", "serieus",
    "persoonlijke aandacht", "(?:volle |alle )?aandacht", "aandachtig", "gastvrij(?:e|heid)?", "oplossingsgericht(?:e)?", "flexibe(?:l|le)",
    "duidelijk(?:e|heid)?", "helder(?:e)?", "eerlijk(?:e|heid)?", "bereikbaar(?:heid)?", "mee(?:denken|gedacht)", "denk(?:en|t) mee",
  ],
  "vague-speed": [
    "as soon as possible", "asap", "a\\.s\\.a\\.p\\.?", "quick(?:ly)?", "fast", "prompt(?:ly)?", "swift(?:ly)?",
    "in (?:a )?timely (?:manner|fashion)", "timely", "in good time", "right away", "soon(?!\\s+as)", "shortly",
    "without delay", "speed(?:y|ily)", "rapid(?:ly)?", "immediately", "(?:a|the) short(?:est)? time",
    "(?:a )?reasonable (?:time|period|term)", "(?:within )?(?:a few|some|several) (?:days|hours|weeks)", "within (?:days|hours|weeks)", "after a while", "(?<!(?<![\\p{L}\\p{N}])(?:no|niet)\\s+)later(?!\\s+(?:than|dan))",
    "zo snel mogelijk", "zsm", "z\\.s\\.m\\.?", "snel(?:le|ler)?", "vlot(?:te)?", "zo spoedig mogelijk",
    "spoedig", "tijdig(?:e)?", "op tijd", "zo vlug mogelijk", "vlug", "binnen afzienbare tijd", "zo kort mogelijk",
    "binnenkort", "meteen", "(?<!(?<![\\p{L}\\p{N}])(?:we|i|they|you)\\s+)direct", "onmiddellijk", "straks", "(?:binnen )?korte tijd", "op korte termijn",
    "(?:een |binnen een )?redelijke termijn", "zo bij (?:u|je|jou|jullie)", "zo terug", "per ommegaande", "per direct",
    "(?:binnen )?(?:enkele|een paar|een aantal) (?:(?:werk)?dagen|uren|weken)", "na (?:verloop van |een |enige )?tijd(?:je)?", "binnen (?:dagen|uren|weken)",
  ],
  "vague-hedge": [
    "where(?:ver)? possible", "if possible", "when(?:ever)? possible", "as much as possible", "as far as possible",
    "(?:if|where|when) (?:necessary|needed|appropriate|feasible)", "(?:try|tries|trying) to", "(?<=(?<![\\p{L}\\p{N}])(?:we|i|they)\\s+)try",
    "strive(?:s)?(?: to)?", "aim(?:s)? to", "do (?:our|my|their|your) best", "our best", "ideally", "preferably",
    "in principle", "usually", "generally", "normally", "(?<!(?<![\\p{L}\\p{N}])(?:if|when|whenever)\\s[^,.;]*)often", "sometimes", "whenever we can", "if we can",
    "if time (?:permits|allows)", "as soon as (?:we can|we have time)",
    "waar mogelijk", "indien mogelijk", "zo mogelijk", "als het (?:kan|mogelijk is)", "waar (?:dat|het) kan",
    "waar nodig", "indien nodig", "zo nodig", "als (?:dat|het) nodig is", "zo ?veel mogelijk", "zo goed mogelijk",
    "zo min mogelijk", "(?<=(?<![\\p{L}\\p{N}])(?:we|wij|ik|je|jullie|ze|zij|men)\\s+)(?:proberen|probeer(?:t)?)", "(?:proberen|probeer(?:t)?) (?:te|om)", "(?:proberen|probeer(?:t)?)(?=\\s+(?:we|wij|ik|je|jullie|ze|zij|men)(?![\\p{L}\\p{N}]))", "(?:ernaar )?streven", "streeft", "ons best(?: doen)?",
    "in principe", "bij voorkeur", "meestal", "doorgaans", "(?<!(?<![\\p{L}\\p{N}])(?:als|wanneer|zodra)\\s[^,.;]*)vaak", "soms", "normaal gesproken", "in de regel",
    "(?:het )?liefst", "als de tijd het toelaat", "zodra (?:het|dat) kan", "zodra (?:mogelijk|we (?:tijd hebben|kunnen))", "bij (?:de eerstvolgende )?gelegenheid",
  ],
  "vague-quality": [
    "good(?: service)?", "great(?: service)?", "excellent(?: service)?", "outstanding", "exceptional", "top[- ]notch",
    "high[- ]quality", "quality service", "optimal(?:ly)?", "optimum", "the best(?: possible)?(?: service)?",
    "best possible", "superb", "adequate(?:ly)?", "sufficient(?:ly)?", "satisfactory", "reasonabl(?:e|y)", "(?:go|goes|going) the extra mile",
    "extra mile", "top priority", "wow",
    "goed(?:e)?(?: service| dienstverlening)?", "uitstekend(?:e)?", "uitmuntend(?:e)?", "optima(?:al|le)",
    "kwalitatief(?: goed)?", "hoge kwaliteit", "excellent(?:e)?", "topservice", "perfect(?:e)?", "adequa(?:at|te)",
    "(?<!(?<![\\p{L}\\p{N}])niet\\s+)voldoende", "een stapje extra", "extra mijl", "centraal", "prioriteit(?!\\s+\\d)", "redelijk(?:e)?",
  ],
};

// Verbs of behaviour a colleague can see or hear, in their usual forms.
const EN_VERBS: string[] = [
  ...en("call"), ...en("phone"), ...en("ring"), "rang", ...en("e-mail"), ...en("email"), ...en("mail"), ...en("text"),
  ...en("message"), ...en("write"), "wrote", "written", ...en("send"), "sent", ...en("reply"), ...en("respond"),
  ...en("answer"), ...en("tell"), "told", ...en("say"), "said", ...en("name"), ...en("mention"), ...en("introduce"),
  ...en("greet"), ...en("ask"), ...en("confirm"), ...en("check"), ...en("verify"), ...en("note"), ...en("record"),
  ...en("log"), ...en("register"), ...en("document"), ...en("transfer"), ...en("forward"), ...en("hand"),
  ...en("pass"), ...en("escalate"), ...en("offer"), ...en("refund"), ...en("compensate"), ...en("repeat"),
  ...en("summarise"), ...en("summarize"), ...en("listen"), ...en("let"), ...en("interrupt"), ...en("schedule"),
  ...en("plan"), ...en("book"), ...en("update"), ...en("inform"), ...en("notify"), ...en("explain"),
  ...en("follow"), ...en("close"), ...en("resolve"), ...en("solve"), ...en("decide"), ...en("give"), "gave", "given",
  ...en("pick"), ...en("report"), ...en("share"), ...en("read"), ...en("apologise"), ...en("apologize"),
  ...en("thank"), ...en("show"), "shown", ...en("visit"), ...en("arrange"), ...en("assign"), ...en("approve"),
  ...en("replace"), ...en("deliver"), ...en("return"), ...en("put"), ...en("contact"), ...en("promise"), ...en("use"),
  ...en("address"), ...en("look"), ...en("leave"), "left", ...en("add"), ...en("fill"), ...en("enter"),
  ...en("attach"), ...en("invite"), ...en("meet"), "met", ...en("discuss"), ...en("review"), ...en("smile"),
  ...en("stand"), "stood", ...en("hang"), "hung", ...en("walk"), ...en("speak"), "spoke", "spoken", ...en("keep"),
  "kept", ...en("open"), ...en("end"), ...en("start"), ...en("pay"), "paid", ...en("credit"), ...en("direct"), ...en("clear"),
];

const NL_VERBS: string[] = [
  ...nl("bel", "bellen", ["belde", "belden", "gebeld"], ["terug", "na", "op", "door"]),
  ...nl("mail", "mailen", ["mailde", "mailden", "gemaild"], ["terug", "door"]),
  ...nl("e-mail", "e-mailen", ["e-mailde", "ge-e-maild"]),
  ...nl("app", "appen", ["appte", "geappt"]),
  ...nl("stuur", "sturen", ["stuurde", "stuurden", "gestuurd", "verstuurd"], ["ver", "door", "toe", "terug", "op", "na"]),
  ...nl("antwoord", "antwoorden", ["antwoordde", "geantwoord", "beantwoord", "beantwoordt"], ["be"]),
  ...nl("reageer", "reageren", ["reageerde", "gereageerd"]),
  ...nl("noem", "noemen", ["noemde", "genoemd"]),
  ...nl("vertel", "vertellen", ["vertelde", "verteld"]),
  ...nl("zeg", "zeggen", ["zei", "zeiden", "gezegd", "toegezegd"], ["toe"]),
  ...nl("vraag", "vragen", ["vroeg", "vroegen", "gevraagd", "nagevraagd"], ["na", "door", "uit"]),
  ...nl("bevestig", "bevestigen", ["bevestigde", "bevestigd"]),
  ...nl("noteer", "noteren", ["noteerde", "genoteerd"]),
  ...nl("leg", "leggen", ["legde", "legden", "vastgelegd", "uitgelegd"], ["vast", "uit"]),
  ...nl("registreer", "registreren", ["registreerde", "geregistreerd"]),
  ...nl("controleer", "controleren", ["controleerde", "gecontroleerd"]),
  ...nl("check", "checken", ["checkte", "gecheckt"]),
  ...nl("verbind", "verbinden", ["verbond", "doorverbonden", "doorverbinding"], ["door"]),
  ...nl("zet", "zetten", ["zette", "gezet", "doorgezet", "overgezet"], ["door", "over", "terug", "klaar"]),
  ...nl("escaleer", "escaleren", ["escaleerde", "geëscaleerd"]),
  ...nl("bied", "bieden", ["bood", "boden", "geboden", "aangeboden"], ["aan"]),
  ...nl("betaal", "betalen", ["betaalde", "betaald", "terugbetaald"], ["terug"]),
  ...nl("vergoed", "vergoeden", ["vergoedde"]),
  ...nl("compenseer", "compenseren", ["compenseerde", "gecompenseerd"]),
  ...nl("herhaal", "herhalen", ["herhaalde", "herhaald"]),
  ...nl("vat", "vatten", ["vatte", "samengevat"], ["samen"]),
  ...nl("begroet", "begroeten", ["begroette"]),
  ...nl("stel", "stellen", ["stelde", "gesteld", "voorgesteld"], ["voor"]),
  ...nl("luister", "luisteren", ["luisterde", "geluisterd"]),
  ...nl("laat", "laten", ["liet", "lieten"]),
  ...nl("praat", "praten", ["uitgepraat"], ["uit"]),
  ...nl("plan", "plannen", ["plande", "gepland", "ingepland"], ["in"]),
  ...nl("informeer", "informeren", ["informeerde", "geïnformeerd"]),
  ...nl("volg", "volgen", ["volgde", "opgevolgd"], ["op"]),
  ...nl("los", "lossen", ["loste", "opgelost"], ["op"]),
  ...nl("beslis", "beslissen", ["besliste", "beslist"]),
  ...nl("geef", "geven", ["gaf", "gaven", "gegeven", "teruggegeven", "doorgegeven"], ["terug", "door", "aan"]),
  ...nl("neem", "nemen", ["nam", "namen", "genomen", "opgenomen", "overgenomen"], ["op", "over", "mee"]),
  "overdragen", "overgedragen", "draagt",
  ...nl("meld", "melden", ["meldde", "gemeld", "teruggemeld"], ["terug", "aan"]),
  ...nl("deel", "delen", ["deelde", "gedeeld"]),
  ...nl("lees", "lezen", ["las", "lazen", "gelezen"]),
  ...nl("koppel", "koppelen", ["koppelde", "teruggekoppeld"], ["terug"]),
  ...nl("bedank", "bedanken", ["bedankte", "bedankt"]),
  ...nl("toon", "tonen", ["toonde", "getoond"]),
  ...nl("spreek", "spreken", ["sprak", "spraken", "gesproken", "afgesproken", "aangesproken"], ["af", "aan", "in"]),
  ...nl("beloof", "beloven", ["beloofde", "beloofd"]),
  ...nl("gebruik", "gebruiken", ["gebruikte", "gebruikt"]),
  ...nl("open", "openen", ["opende", "geopend"]),
  ...nl("sluit", "sluiten", ["sloot", "gesloten", "afgesloten"], ["af"]),
  ...nl("beëindig", "beëindigen", ["beëindigde", "beëindigd"]),
  ...nl("schrijf", "schrijven", ["schreef", "geschreven", "opgeschreven"], ["op", "terug"]),
  ...nl("kijk", "kijken", ["keek", "gekeken", "nagekeken"], ["na"]),
  ...nl("zoek", "zoeken", ["zocht", "gezocht", "uitgezocht", "opgezocht"], ["uit", "op"]),
  ...nl("houd", "houden", ["hield", "gehouden"]),
  ...nl("verwijs", "verwijzen", ["verwees", "verwezen", "doorverwezen"], ["door"]),
  ...nl("stem", "stemmen", ["stemde", "afgestemd"], ["af"]),
  ...nl("regel", "regelen", ["regelde", "geregeld"]),
  ...nl("handel", "handelen", ["handelde", "afgehandeld"], ["af"]),
  ...nl("pak", "pakken", ["pakte", "opgepakt"], ["op"]),
  ...nl("onderbreek", "onderbreken", ["onderbrak", "onderbroken"]),
  ...nl("voer", "voeren", ["voerde", "gevoerd"]),
  ...nl("kom", "komen", ["kwam", "kwamen", "gekomen", "teruggekomen", "nagekomen"], ["terug", "na"]),
  ...nl("hang", "hangen", ["hing", "opgehangen"], ["op"]),
  ...nl("bespreek", "bespreken", ["besprak", "besproken"]),
  ...nl("verstrek", "verstrekken", ["verstrekte", "verstrekt"]),
  ...nl("accordeer", "accorderen", ["geaccordeerd"]),
];

// A moment, a time limit, an amount or a condition.
const TRIGGERS: string[] = [
  "\\d",
  "[€$£%]",
  // English
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty",
  "thirty", "forty", "fifty", "hundred", "half", "quarter", "once", "twice",
  "seconds?", "minutes?", "hours?", "days?", "(?:working|business) days?", "weeks?", "months?", "today", "tomorrow",
  "morning", "afternoon", "evening", "noon", "(?:mon|tues|wednes|thurs|fri|satur|sun)days?", "o'clock", "deadline", "euros?", "dollars?", "percent", "per cent",
  // "within" and "binnen" count through what follows them ("within one day"): "within a
  // reasonable time" names no limit. "per" is a rate ("per call"), not a channel ("per e-mail").
  "when", "whenever", "after", "before", "every", "each", "if", "as soon as", "until", "during",
  "per(?!\\s+(?:e-?mail|mail|phone|telephone|post|letter|sms|text|chat|app|whatsapp|telefoon|brief|direct)(?![\\p{L}]))",
  "without", "at the (?:start|end|beginning)", "first", "last",
  // Dutch
  "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "twaalf", "vijftien", "twintig",
  "dertig", "veertig", "vijftig", "honderd", "halve?", "kwartier", "eenmaal", "tweemaal",
  "seconden?", "minuut", "minuten", "uur", "uren", "dagen", "dag", "werkdag(?:en)?", "weken", "week", "maand(?:en)?",
  "vandaag", "morgen", "ochtend", "middag", "avond", "(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:en)?", "'s (?:ochtends|middags|avonds)", "tijdstip", "euro", "procent",
  // "na" and "bij" as a moment ("na elke klacht", "bij doorverbinden"), not a verb's particle
  // at the end ("we bellen de klant na") or a place ("bij de klant", "komt zo bij u").
  "als", "wanneer", "zodra", "na(?!\\s*(?:[.,;:!?)]|$))", "nadat", "voordat", "vóór",
  "bij(?!\\s+(?:u|je|jou|jullie|hem|haar|ons|hen|hun|mij|me|zich|de klant(?:en)?|de collega(?:'s)?|het team|de teamleider|de leidinggevende)(?![\\p{L}]))", "elke?", "iedere?", "uiterlijk",
  "tijdens", "tot", "totdat", "zonder", "telkens", "dezelfde", "eerste", "laatste",
];

/** Hints that explain what keeps `title` from being observable; empty when it looks concrete. */
export function concretenessHints(title: string): ConcretenessHint[] {
  let text = normalise(stripQuotes(title));
  if (!text.trim()) return [];

  const hints: ConcretenessHint[] = [];
  let found = findVague(text);
  // "Direct", "meteen" or "immediately" tied to a moment ("direct na het gesprek", "we call
  // back immediately when the line drops") say when: vague only where no moment is named.
  const blanked = blank(text, found);
  if (TRIGGER.test(blanked)) found = found.filter((f) => !SOFT_SPEED.test(f.word));
  for (const kind of Object.keys(VAGUE) as VagueKind[]) {
    const words = unique(found.filter((f) => f.kind === kind).map((f) => f.word));
    if (words.length) hints.push({ kind, words });
  }
  // What was flagged as vague no longer counts as an action or a trigger
  // ("as soon as possible" is not the trigger "as soon as").
  text = blank(text, found);

  if (!ACTION.test(text)) hints.push({ kind: "no-action", words: [] });
  // A vague speed word already asks for a time limit; saying it twice is noise.
  if (!TRIGGER.test(text) && !hints.some((h) => h.kind === "vague-speed")) hints.push({ kind: "no-trigger", words: [] });
  return hints;
}

// ---------------------------------------------------------------- helpers

const L = "\\p{L}\\p{N}";
const wordsRegex = (sources: string[], flags = "giu") =>
  new RegExp(`(?<![${L}-])(?:${sources.join("|")})(?![${L}-])`, flags);

const VAGUE_PATTERNS = (Object.entries(VAGUE) as [VagueKind, string[]][]).map(([kind, sources]) => ({
  kind,
  regex: wordsRegex(sources.map((s) => s.replace(/ /g, "\\s+"))),
}));
// Forms that are also common words in the other language, or nouns ("met" is
// English "met" and Dutch "with"; "de regel" is "the rule"; "bij elke vraag" asks nothing).
const NOT_VERBS = new Set(["met", "hand", "rang", "wees", "deel", "toon", "regel", "stem", "vraag", "antwoord"]);
const ACTION = wordsRegex(
  [...EN_VERBS, ...NL_VERBS].filter((v) => !NOT_VERBS.has(v)).map(escapeRegex),
  "iu",
);
const TRIGGER = new RegExp(
  `(?:\\d|[€$£%])|(?<![${L}])(?:${TRIGGERS.filter((t) => t !== "\\d" && t !== "[€$£%]")
    .map((s) => s.replace(/ /g, "\\s+"))
    .join("|")})(?![${L}])`,
  "iu",
);

type Found = { kind: VagueKind; word: string; start: number; end: number };

const SOFT_SPEED = /^(?:direct|meteen|onmiddellijk|immediately)$/;

function blank(text: string, found: Found[]) {
  for (const f of found) text = text.slice(0, f.start) + " ".repeat(f.end - f.start) + text.slice(f.end);
  return text;
}

/** Every vague phrase, longest first where phrases overlap ("good service" over "good"). */
function findVague(text: string): Found[] {
  const all: Found[] = [];
  for (const { kind, regex } of VAGUE_PATTERNS) {
    regex.lastIndex = 0;
    for (const m of text.matchAll(regex)) {
      all.push({ kind, word: m[0].replace(/\s+/g, " ").toLowerCase(), start: m.index, end: m.index + m[0].length });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found[] = [];
  for (const f of all) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** Quoted speech ("we never say 'my colleague will be right with you'") is an example, not the norm's own words. */
function stripQuotes(s: string) {
  return s
    .replace(/[“„«‹][^”“»›]*[”“»›]/g, " ")
    .replace(/‘[^’]*’(?![\p{L}])/gu, " ")
    .replace(/"[^"]*"/g, " ")
    .replace(/(^|[\s(:])'[^']*'(?=$|[\s.,;:!?)])/gu, "$1 ");
}

function normalise(s: string) {
  return s.replace(/[’‘`´]/g, "'").replace(/[‐‑‒–—]/g, "-").normalize("NFC");
}

function unique(xs: string[]) {
  return [...new Set(xs)];
}

function escapeRegex(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Regular English forms of a verb (over-generating is harmless: they are only matched). */
function en(verb: string): string[] {
  const forms = [verb];
  if (/[^aeiou]y$/.test(verb)) forms.push(verb.slice(0, -1) + "ies", verb.slice(0, -1) + "ied", verb + "ing");
  else if (verb.endsWith("e")) forms.push(verb + "s", verb + "d", verb.slice(0, -1) + "ing");
  else if (/(s|sh|ch|x)$/.test(verb)) forms.push(verb + "es", verb + "ed", verb + "ing");
  else forms.push(verb + "s", verb + "ed", verb + "ing", verb + verb.slice(-1) + "ed", verb + verb.slice(-1) + "ing");
  return forms;
}

/** Dutch forms: stem, stem+t, infinitive, listed past forms, and separable-prefix compounds. */
function nl(stem: string, infinitive: string, past: string[], prefixes: string[] = []): string[] {
  const forms = [stem, stem.endsWith("t") ? stem : stem + "t", infinitive, ...past];
  for (const p of prefixes) forms.push(p + infinitive, p + stem, p + stem + "t");
  return forms;
}
