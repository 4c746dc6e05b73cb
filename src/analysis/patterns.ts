/**
 * Patterns analysts name, found in a dyad's reports (both directions) and movements. Every detection cites
 * the events it rests on.
 *
 * - `brinkmanship`: an actor threatens (CAMEO 13 threaten, 15 force posture) and, within `pairDays`
 *   (default 7), makes an offer to the same side (CAMEO 03–08 cooperation), one of the two conditional
 *   ("…unless", "if…"): pressure and a way out, offered together.
 * - `ultimatum`: CAMEO 139 "Give ultimatum", or a conditional threat whose evidence names a deadline
 *   ("by Friday", "within 48 hours", "or else", "final warning").
 * - `summit-cycle`: a meeting announced (036 intent to meet, or a consultation 04x stated as intended), then
 *   called off (125 reject a proposal to meet, 161 reduce relations, 164 halt negotiations) and revived
 *   (another announcement or a meeting) within `cycleDays` (default 60) of the cancellation, optionally with a
 *   threat (CAMEO 13) between announcement and cancellation.
 * - `rapprochement`: a rearward movement followed within `rapprochementDays` (default 180) by a forward
 *   movement that recovers at least half of it.
 */
import type { Report } from './dedup.js';
import { type CitedEvent, citeReport, type Movement } from './movements.js';
import { addDays } from './periods.js';
import { firstOnOrAfter, reportsByDate } from './reports-by-date.js';

export type PatternKind = 'brinkmanship' | 'ultimatum' | 'summit-cycle' | 'rapprochement';

export interface PatternDetection {
  pattern: PatternKind;
  start: string;
  end: string;
  /** The actor behind the pattern, where there is one. */
  actor: string | null;
  summary: string;
  events: CitedEvent[];
}

export interface PatternOptions {
  pairDays?: number;
  cycleDays?: number;
  rapprochementDays?: number;
}

const THREAT_ROOTS = new Set(['13', '15']);
const OFFER_ROOTS = new Set(['03', '04', '05', '06', '07', '08']);
const CANCEL_CODES = new Set(['125', '161', '164']);
const DEADLINE =
  /\b(deadline|ultimatum|or else|final warning|last chance|within \d+|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday|midnight|the end of|\d))/i;

const rootOf = (report: Report): string => report.event.root ?? report.event.cameo.slice(0, 2);

/** All detections of all patterns, ordered by start date. */
export function detectPatterns(
  reports: readonly Report[],
  movements: readonly Movement[],
  options: PatternOptions = {},
): PatternDetection[] {
  return [
    ...detectBrinkmanship(reports, options.pairDays ?? 7),
    ...detectUltimatums(reports),
    ...detectSummitCycles(reports, options.cycleDays ?? 60),
    ...detectRapprochement(movements, options.rapprochementDays ?? 180),
  ].sort((x, y) => x.start.localeCompare(y.start) || x.pattern.localeCompare(y.pattern));
}

/** Threat and offer by the same actor to the same side within `pairDays`, at least one of them conditional. */
export function detectBrinkmanship(reports: readonly Report[], pairDays = 7): PatternDetection[] {
  const threats = reports.filter((report) => THREAT_ROOTS.has(rootOf(report)) && !report.event.negated);
  // In date order (stable), so each threat's window is a binary search and a short scan rather than a pass over
  // every offer (quadratic in a busy dyad's reports).
  const offers = reportsByDate(reports.filter((report) => OFFER_ROOTS.has(rootOf(report)) && !report.event.negated));
  const detections: PatternDetection[] = [];
  const used = new Set<Report>();
  for (const threat of threats) {
    if (used.has(threat)) continue;
    const from = addDays(threat.event.date, -pairDays);
    const to = addDays(threat.event.date, pairDays);
    let offer: Report | undefined;
    for (let i = firstOnOrAfter(offers, from); i < offers.length; i++) {
      const candidate = offers[i] as Report;
      if (candidate.event.date > to) break;
      if (
        !used.has(candidate) &&
        candidate.event.source === threat.event.source &&
        candidate.event.target === threat.event.target &&
        (candidate.event.conditional || threat.event.conditional)
      ) {
        offer = candidate;
        break;
      }
    }
    if (!offer) continue;
    used.add(threat);
    used.add(offer);
    const pair = [threat, offer].sort((x, y) => x.event.date.localeCompare(y.event.date));
    detections.push({
      pattern: 'brinkmanship',
      start: pair[0]?.event.date ?? threat.event.date,
      end: pair[1]?.event.date ?? threat.event.date,
      actor: threat.event.source,
      summary: `${threat.event.source} paired a threat ("${name(threat)}") with an offer ("${name(offer)}") to ${threat.event.target}`,
      events: pair.map(citeReport),
    });
  }
  return detections;
}

/** CAMEO 139, or a conditional threat with a deadline in its evidence. */
export function detectUltimatums(reports: readonly Report[]): PatternDetection[] {
  return reports
    .filter(
      (report) =>
        !report.event.negated &&
        (report.event.cameo === '139' ||
          (rootOf(report) === '13' && report.event.conditional && DEADLINE.test(report.event.evidence))),
    )
    .map((report) => ({
      pattern: 'ultimatum' as const,
      start: report.event.date,
      end: report.event.date,
      actor: report.event.source,
      summary: `${report.event.source} gave ${report.event.target} an ultimatum: ${report.event.evidence}`,
      events: [citeReport(report)],
    }));
}

function isAnnouncement(report: Report): boolean {
  const { cameo, modality, negated } = report.event;
  return !negated && (cameo === '036' || (rootOf(report) === '04' && modality === 'intended'));
}

function isMeeting(report: Report): boolean {
  return !report.event.negated && rootOf(report) === '04' && report.event.modality !== 'hypothetical';
}

/** Announced → (threatened) → cancelled → revived, each stage citing its first event. */
export function detectSummitCycles(reports: readonly Report[], cycleDays = 60): PatternDetection[] {
  const detections: PatternDetection[] = [];
  const sorted = [...reports].sort((x, y) => x.event.date.localeCompare(y.event.date));
  let afterDate = '';
  for (const cancel of sorted) {
    if (!CANCEL_CODES.has(cancel.event.cameo) || cancel.event.negated || cancel.event.date <= afterDate) continue;
    const earliest = addDays(cancel.event.date, -cycleDays);
    const latest = addDays(cancel.event.date, cycleDays);
    const announced = sorted.find(
      (report) => isAnnouncement(report) && report.event.date >= earliest && report.event.date < cancel.event.date,
    );
    const revived = sorted.find(
      (report) =>
        (isAnnouncement(report) || isMeeting(report)) &&
        report.event.date > cancel.event.date &&
        report.event.date <= latest,
    );
    if (!announced || !revived) continue;
    const threatened = sorted.find(
      (report) =>
        rootOf(report) === '13' &&
        !report.event.negated &&
        report.event.date >= announced.event.date &&
        report.event.date <= cancel.event.date,
    );
    const stages = threatened ? [announced, threatened, cancel, revived] : [announced, cancel, revived];
    detections.push({
      pattern: 'summit-cycle',
      start: announced.event.date,
      end: revived.event.date,
      actor: cancel.event.source,
      summary: `meeting announced ${announced.event.date}${threatened ? `, threatened ${threatened.event.date}` : ''}, called off ${cancel.event.date} by ${cancel.event.source}, revived ${revived.event.date}`,
      events: stages.map(citeReport),
    });
    afterDate = revived.event.date;
  }
  return detections;
}

/** A rearward movement undone (at least half) by a later forward movement. */
export function detectRapprochement(movements: readonly Movement[], withinDays = 180): PatternDetection[] {
  const detections: PatternDetection[] = [];
  movements.forEach((escalation, index) => {
    if (escalation.label !== 'rearward') return;
    const limit = addDays(escalation.start, withinDays);
    const recovery = movements
      .slice(index + 1)
      .find(
        (movement) => movement.label === 'forward' && movement.start <= limit && movement.size >= -escalation.size / 2,
      );
    if (!recovery) return;
    const next = movements[index + 1];
    // Only the first recovery after the escalation, and only if no other rearward movement came in between.
    if (next !== recovery && next?.label === 'rearward') return;
    detections.push({
      pattern: 'rapprochement',
      start: escalation.start,
      end: recovery.end,
      actor: null,
      summary: `rearward from ${escalation.start} (${escalation.size.toFixed(1)}), then forward from ${recovery.start} (+${recovery.size.toFixed(1)})`,
      events: [...escalation.drivers.slice(0, 2), ...recovery.drivers.slice(0, 3)],
    });
  });
  return detections;
}

function name(report: Report): string {
  return report.event.cameo_name ?? report.event.cameo;
}
