// Norm health over closed check-ins: a server-rendered SVG line chart (no chart
// library: two short lines do not earn one), a text summary that says the same
// thing in words, and the figures as a table for screen readers and for checking.
import type { ReactNode } from "react";
import { trendSummary, versionChanges, type TrendPoint } from "../domain/norm-trend";
import { dateFormatter, formatDate, formatMean, TIME_ZONE } from "../i18n/format";
import { useT } from "../i18n/react";
import { ScrollBox } from "./scroll-box";

const W = 560;
const H = 230;
// Right margin: half of a date label under the last point ("10 nov") must fit.
const M = { left: 34, right: 30, top: 26, bottom: 40 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

const MAX_DATE_LABELS = 8;
// SVG units between two version labels ("v12" is ~24 wide at the chart's font size).
const MIN_VERSION_LABEL_GAP = 32;
const yearOf = (ms: number) => dateFormatter("en", { year: "numeric", timeZone: TIME_ZONE }).format(new Date(ms));

const yOf = (value: number) => M.top + ((5 - value) / 4) * PLOT_H;
const xOf = (index: number, count: number) => (count <= 1 ? M.left + PLOT_W / 2 : M.left + (index / (count - 1)) * PLOT_W);

/** An SVG path through the known values; a hidden figure breaks the line instead of bridging it. */
function linePath(values: (number | null)[]) {
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${xOf(i, values.length).toFixed(1)} ${yOf(v).toFixed(1)} `;
    pen = true;
  });
  return d.trim();
}

export function NormHealthChart({ id, code, points }: { id: string; code: string; points: TrendPoint[] }) {
  const t = useT();
  if (points.length === 0) return <p className="muted">{t("checkins.chart.noData", { code })}</p>;
  const summary = trendSummary(t, code, points);
  const n = points.length;
  // After years of check-ins: the year in the labels once they span more than one, and
  // at most about eight labels (the last always), so they do not run into each other.
  const years = new Set(points.map((p) => yearOf(p.closedAt)));
  let labelEvery = Math.ceil(n / MAX_DATE_LABELS);
  const shownAt = (every: number) => points.filter((_, i) => (n - 1 - i) % every === 0);
  let shortDate = dateFormatter(
    t.locale,
    years.size > 1 ? { month: "short", year: "numeric", timeZone: TIME_ZONE } : { day: "numeric", month: "short", timeZone: TIME_ZONE },
  );
  // Two shown check-ins in one month would read alike: then the day too, and fewer labels for the wider text.
  const shownLabels = shownAt(labelEvery).map((p) => shortDate.format(new Date(p.closedAt)));
  if (years.size > 1 && new Set(shownLabels).size < shownLabels.length) {
    shortDate = dateFormatter(t.locale, { day: "numeric", month: "short", year: "numeric", timeZone: TIME_ZONE });
    labelEvery = Math.ceil(n / (MAX_DATE_LABELS - 2));
  }
  const peer = points.map((p) => p.meanPeer);
  const self = points.map((p) => p.meanSelf);
  const markers = versionChanges(points);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      {/* Scrolls on a phone rather than shrinking its labels below reading size. */}
      <ScrollBox label={t("checkins.chart.label", { code })}>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-summary`}
          className="chart-svg"
        >
          <title id={`${id}-title`}>{t("checkins.chart.label", { code })}</title>
          {[1, 2, 3, 4, 5].map((v) => (
            <g key={v}>
              <line x1={M.left} x2={W - M.right} y1={yOf(v)} y2={yOf(v)} className="chart-grid" />
              <text x={M.left - 8} y={yOf(v) + 4} textAnchor="end" className="chart-axis">
                {v}
              </text>
            </g>
          ))}
          {markers.map((m, k) => {
            const x = (xOf(m.index - 1, n) + xOf(m.index, n)) / 2;
            // A marker's "v7" only where it does not overlap the next one's; the table below names them all.
            const next = markers[k + 1];
            const labelled = !next || (xOf(next.index - 1, n) + xOf(next.index, n)) / 2 - x >= MIN_VERSION_LABEL_GAP;
            return (
              <g key={m.index} className="chart-version">
                <line x1={x} x2={x} y1={M.top - 6} y2={H - M.bottom} />
                {labelled ? (
                  <text x={x} y={M.top - 10} textAnchor="middle">
                    {t("checkins.chart.newVersion", { version: m.version })}
                  </text>
                ) : null}
              </g>
            );
          })}
          <path d={linePath(self)} className="chart-line chart-self" />
          <path d={linePath(peer)} className="chart-line chart-peer" />
          {points.map((p, i) => (
            <g key={p.cycleId}>
              {p.meanSelf !== null ? (
                <rect x={xOf(i, n) - 4} y={yOf(p.meanSelf) - 4} width={8} height={8} className="chart-self-dot" />
              ) : null}
              {p.meanPeer !== null ? <circle cx={xOf(i, n)} cy={yOf(p.meanPeer)} r={4.5} className="chart-peer-dot" /> : null}
              {(n - 1 - i) % labelEvery === 0 ? (
                <text x={xOf(i, n)} y={H - M.bottom + 18} textAnchor="middle" className="chart-axis">
                  {shortDate.format(new Date(p.closedAt))}
                </text>
              ) : null}
            </g>
          ))}
        </svg>
      </ScrollBox>
      <ul className="chart-legend">
        <li>
          <LegendSwatch className="chart-peer">
            <circle cx={14} cy={6} r={4} className="chart-peer-dot" />
          </LegendSwatch>
          {t("checkins.chart.peer")}
        </li>
        <li>
          <LegendSwatch className="chart-self">
            <rect x={10} y={2} width={8} height={8} className="chart-self-dot" />
          </LegendSwatch>
          {t("checkins.chart.self")}
        </li>
      </ul>
      <figcaption id={`${id}-caption`}>
        <span id={`${id}-summary`}>{summary}</span>
      </figcaption>
      <details className="chart-data">
        <summary>{t("checkins.chart.table")}</summary>
        <ScrollBox label={t("checkins.chart.caption", { code })}>
          <table className="table">
            <caption className="visually-hidden">{t("checkins.chart.caption", { code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("checkins.chart.cycle")}</th>
                <th scope="col">{t("checkins.chart.closed")}</th>
                <th scope="col">{t("checkins.chart.version")}</th>
                <th scope="col">{t("checkins.chart.peer")}</th>
                <th scope="col">{t("checkins.chart.self")}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.cycleId}>
                  <th scope="row">{p.title}</th>
                  <td>{formatDate(t.locale, p.closedAt)}</td>
                  <td>{p.normVersion}</td>
                  <td>
                    <Figure value={p.meanPeer} />
                  </td>
                  <td>
                    <Figure value={p.meanSelf} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </details>
    </figure>
  );
}

function LegendSwatch({ className, children }: { className: string; children: ReactNode }) {
  return (
    <svg width={28} height={12} aria-hidden="true" focusable="false" className="chart-swatch">
      <line x1={0} x2={28} y1={6} y2={6} className={`chart-line ${className}`} />
      {children}
    </svg>
  );
}

/** A team mean, or a dash that says why there is none. */
export function Figure({ value }: { value: number | null }) {
  const t = useT();
  if (value === null) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t("checkins.chart.hidden")}</span>
      </>
    );
  }
  return <>{formatMean(t.locale, value)}</>;
}

/**
 * For the norm permalink page (/teams/:team/norms/:code): the team's trend for one
 * norm. Feed it `normTrend(teamId, normId)` from app/models/checkins.server.ts.
 */
export function NormTrendPanel({ code, points }: { code: string; points: TrendPoint[] }) {
  const t = useT();
  return (
    <section aria-labelledby="norm-trend-title" className="panel">
      <h2 id="norm-trend-title">{t("checkins.trend.title")}</h2>
      <NormHealthChart id={`norm-trend-${code}`} code={code} points={points} />
    </section>
  );
}
