// Norm health over closed cycles: the direction of travel and where the norm changed.
import type { T } from "../i18n";
import { formatMean } from "../i18n/format";

export type TrendPoint = {
  cycleId: number;
  title: string;
  closedAt: number;
  normVersion: number;
  meanSelf: number | null;
  meanPeer: number | null;
};

export type Trend =
  | { kind: "none" }
  | { kind: "single"; value: number }
  | { kind: "rose" | "fell" | "steady"; from: number; to: number; count: number };

/** From the first known value to the last; "steady" when both read the same at one decimal. */
export function describeTrend(values: readonly (number | null)[]): Trend {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return { kind: "none" };
  if (known.length === 1) return { kind: "single", value: known[0] };
  const from = known[0];
  const to = known[known.length - 1];
  const [a, b] = [Math.round(from * 10), Math.round(to * 10)];
  return { kind: b > a ? "rose" : b < a ? "fell" : "steady", from, to, count: known.length };
}

/** Indexes i where the norm version differs from the cycle before (a marker between i−1 and i). */
export function versionChanges(points: readonly TrendPoint[]): { index: number; version: number }[] {
  const out: { index: number; version: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    if (points[i].normVersion !== points[i - 1].normVersion) out.push({ index: i, version: points[i].normVersion });
  }
  return out;
}

/** "N-2 rose from 3.1 to 3.8 in the peer ratings. Self ratings stayed at 4." in the reader's language. */
export function trendSummary(t: T, code: string, points: readonly TrendPoint[]): string {
  const n = (v: number) => formatMean(t.locale, v);
  const peer = describeTrend(points.map((p) => p.meanPeer));
  const self = describeTrend(points.map((p) => p.meanSelf));
  const sentences: string[] = [];
  switch (peer.kind) {
    case "none":
      sentences.push(t("checkins.trend.peer.none", { code }));
      break;
    case "single":
      sentences.push(t("checkins.trend.peer.single", { code, value: n(peer.value) }));
      break;
    case "steady":
      sentences.push(t("checkins.trend.peer.steady", { code, value: n(peer.to) }));
      break;
    default:
      sentences.push(t(`checkins.trend.peer.${peer.kind}`, { code, from: n(peer.from), to: n(peer.to) }));
  }
  switch (self.kind) {
    case "none":
      break;
    case "single":
      sentences.push(t("checkins.trend.self.single", { value: n(self.value) }));
      break;
    case "steady":
      sentences.push(t("checkins.trend.self.steady", { value: n(self.to) }));
      break;
    default:
      sentences.push(t(`checkins.trend.self.${self.kind}`, { from: n(self.from), to: n(self.to) }));
  }
  for (const change of versionChanges(points)) {
    sentences.push(t("checkins.trend.versionChanged", { version: change.version, cycle: points[change.index].title }));
  }
  return sentences.join(" ");
}

/**
 * The points of a small line chart (an SVG polyline) for ratings on the 1–5 scale, in a
 * box of `width` × `height`; cycles without a figure are left out. Empty with fewer
 * than two known values: one point is no line.
 */
export function sparklinePoints(values: readonly (number | null)[], width: number, height: number): string {
  if (values.filter((v) => v !== null).length < 2) return "";
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => height - ((Math.min(5, Math.max(1, v)) - 1) / 4) * height;
  return values
    .map((v, i) => (v === null ? null : `${Math.round(i * step * 10) / 10},${Math.round(y(v) * 10) / 10}`))
    .filter((p): p is string => p !== null)
    .join(" ");
}
