/**
 * A dyad's analysis as text for a terminal (the body of `dyadwatch dyad`) and as a plain JSON object
 * (`--json`): the state, the movements with their driving events, who answered whom, and the patterns found.
 */
import type { DyadAnalysis } from './index.js';
import type { CitedEvent } from './movements.js';
import type { DirectedReciprocity } from './reciprocity.js';

/**
 * One cited event on one line: `2018-05-24 USAGOV→PRKGOV 125 Reject proposal to meet (-5.0): "…" <url>`;
 * `link` renders the URL (or, without one, the document id) differently, e.g. as a Markdown link.
 */
export function formatCitedEvent(
  event: CitedEvent,
  maxEvidence = 110,
  link: (target: string) => string = (target) => `<${target}>`,
): string {
  const evidence =
    event.evidence.length > maxEvidence ? `${event.evidence.slice(0, maxEvidence - 1)}…` : event.evidence;
  const flags = [
    event.modality !== 'asserted' ? event.modality : '',
    event.conditional ? 'conditional' : '',
    event.negated ? 'negated' : '',
    event.mentions > 1 ? `${event.mentions} mentions` : '',
  ].filter(Boolean);
  const details = `${event.score.toFixed(1)}${flags.length ? `; ${flags.join(', ')}` : ''}`;
  return `${event.date} ${event.source}→${event.target} ${event.cameo} ${event.name} (${details}): "${evidence}" ${link(event.url ?? event.doc)}`;
}

function reciprocityLine(side: DirectedReciprocity): string {
  const { counts } = side;
  const total = side.moves.length;
  if (total === 0) return `${side.responder} answering ${side.mover}: no moves to answer`;
  const score = side.titForTat === null ? 'n/a' : side.titForTat.toFixed(2);
  return `${side.responder} answering ${side.mover}'s ${total} moves: ${counts.reciprocated} in kind, ${counts.escalated} escalated, ${counts['de-escalated']} de-escalated, ${counts.ignored} ignored (tit-for-tat ${score})`;
}

/** The text under the chart of `dyadwatch dyad`. */
export function summariseDyad(analysis: DyadAnalysis, options: { drivers?: number } = {}): string {
  const { series, movements, state, reciprocity, patterns } = analysis;
  const lines: string[] = [];
  lines.push(`State: ${state.state} — ${state.reason}`);
  lines.push('');
  lines.push(movements.length === 0 ? 'Movements: none detected' : `Movements (${movements.length}):`);
  for (const movement of movements) {
    const arrow = movement.label === 'forward' ? '▲' : '▼';
    lines.push(
      `  ${arrow} ${movement.label} ${movement.start} → ${movement.end}: ${movement.from.toFixed(2)} → ${movement.to.toFixed(2)} net per day`,
    );
    for (const driver of movement.drivers.slice(0, options.drivers ?? 3))
      lines.push(`      ${formatCitedEvent(driver)}`);
  }
  lines.push('');
  lines.push('Who answered whom:');
  lines.push(`  ${reciprocityLine(reciprocity.aToB)}`);
  lines.push(`  ${reciprocityLine(reciprocity.bToA)}`);
  const lag = reciprocity.strongestLag;
  if (lag) {
    const unit = series.resolution;
    const lead =
      lag.lag > 0
        ? `${series.dyad.b}→${series.dyad.a} follows ${series.dyad.a}→${series.dyad.b} by ${lag.lag} ${unit}(s)`
        : lag.lag < 0
          ? `${series.dyad.a}→${series.dyad.b} follows ${series.dyad.b}→${series.dyad.a} by ${-lag.lag} ${unit}(s)`
          : 'the two directions move together in the same period';
    lines.push(`  Cross-correlation peaks at lag ${lag.lag} (r = ${lag.r.toFixed(2)}): ${lead}`);
  }
  if (patterns.length > 0) {
    lines.push('');
    lines.push('Patterns:');
    for (const pattern of patterns) {
      lines.push(`  ${pattern.pattern} ${pattern.start}…${pattern.end}: ${pattern.summary}`);
      for (const event of pattern.events.slice(0, 4)) lines.push(`      ${formatCitedEvent(event)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The analysis as plain JSON for machines: everything but the per-report internals of the series. */
export function dyadAnalysisJson(analysis: DyadAnalysis): Record<string, unknown> {
  const { series, movements, state, reciprocity, patterns } = analysis;
  return {
    dyad: series.dyad,
    resolution: series.resolution,
    from: series.from,
    to: series.to,
    halfLifeDays: series.halfLifeDays,
    weighted: series.weighted,
    state,
    movements,
    reciprocity,
    patterns,
    points: series.points,
  };
}
