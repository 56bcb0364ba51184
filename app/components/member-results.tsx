// One member's frozen check-in results (self next to peers per norm, blind spots and
// hidden strengths, the self example, anonymised observations). Used by the results
// page and the check-in conversation, so both speak about a result the same way.
import { formatMean } from "../i18n/format";
import { useT } from "../i18n/react";
import type { CycleNorm, NormResult } from "../models/checkins.server";

type Heading = "h2" | "h3" | "h4";

const SIGNAL_LABEL = { "blind-spot": "checkins.results.blindSpot", "hidden-strength": "checkins.results.hiddenStrength" } as const;

/**
 * Every norm of one member, in the cycle's order. Without `name` the text speaks to
 * the reader about themselves ("you rated yourself…"); with it, about that member.
 */
export function MemberResultList({
  norms,
  results,
  Heading,
  name,
}: {
  norms: CycleNorm[];
  results: NormResult[];
  Heading: Heading;
  name?: string;
}) {
  const t = useT();
  const normById = new Map(norms.map((n) => [n.normId, n]));
  // What a signal means is said once, above the norms: repeated under each norm it
  // buried the figures that differ.
  const signals = (["blind-spot", "hidden-strength"] as const).filter((k) => results.some((r) => r.signal === k));
  return (
    <>
      {signals.map((k) => (
        <p key={k} className="signal-legend">
          <strong>{`${t(SIGNAL_LABEL[k])}:`}</strong>{" "}
          {k === "blind-spot"
            ? name
              ? t("checkins.results.blindSpot.other", { name })
              : t("checkins.results.blindSpot.self")
            : name
              ? t("checkins.results.hiddenStrength.other", { name })
              : t("checkins.results.hiddenStrength.self")}
        </p>
      ))}
      {results.map((r) => {
        const norm = normById.get(r.normId);
        return norm ? <MemberNormResult key={r.normId} norm={norm} result={r} Heading={Heading} name={name} /> : null;
      })}
    </>
  );
}

/** One member on one norm. */
function MemberNormResult({ norm, result, Heading, name }: { norm: CycleNorm; result: NormResult; Heading: Heading; name?: string }) {
  const t = useT();
  const n = (v: number) => formatMean(t.locale, v);
  return (
    <div className="result">
      <Heading>{`${norm.code} — ${norm.title}`}</Heading>
      <dl className="result-figures">
        <dt>{t("checkins.results.selfRating")}</dt>
        <dd>{result.selfRating ?? t("checkins.results.noSelf")}</dd>
        <dt>{t("checkins.results.peerMean")}</dt>
        <dd>{result.peerShown && result.peerMean !== null ? n(result.peerMean) : t("checkins.results.hidden")}</dd>
      </dl>
      {result.history ? (
        // The same member on the same norm over the latest check-ins: whether a gap came back or closed.
        <p className="result-history">
          {t("checkins.results.history", {
            self: result.history.self.map((v) => (v === null ? "–" : String(v))).join(" → "),
            peer: result.history.peer.map((v) => (v === null ? "–" : n(v))).join(" → "),
          })}
        </p>
      ) : null}
      {result.signal !== "none" && result.selfRating !== null && result.peerMean !== null ? (
        <p className={`signal ${result.signal}`}>
          <strong>{`${t(SIGNAL_LABEL[result.signal])}:`}</strong>{" "}
          {t(result.signal === "blind-spot" ? "checkins.results.gapBelow" : "checkins.results.gapAbove", {
            // From the mean as shown beside it, so the three figures add up.
            gap: n(Math.abs(result.selfRating - Math.round(result.peerMean * 10) / 10)),
          })}
        </p>
      ) : null}
      {result.selfExample.trim() ? (
        <>
          <p>
            <strong>{t("checkins.results.example")}</strong>
          </p>
          <p className="user-text">{result.selfExample}</p>
        </>
      ) : null}
      {result.observations.length > 0 ? (
        <>
          <p>
            <strong>{t("checkins.results.observations")}</strong>{" "}
            <span className="muted">{t("checkins.results.observationsHelp")}</span>
          </p>
          <ul className="observations">
            {result.observations.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
