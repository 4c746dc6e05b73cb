/** Events as a terminal table: forward in green, rearward in red, modality flags, the evidence shortened. */
import pc from 'picocolors';
import type { EventRecord } from '../coder/event.js';

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));

export function tableHeader(): string {
  return `${pc.bold(`${pad('date', 10)}  ${pad('source', 10)}  ${pad('target', 10)}  ${pad('code', 4)}  ${pad('type', 10)}  ${pad('dir', 3)}  ${pad('mod', 5)}  evidence`)}\n`;
}

export function formatEventRow(e: Readonly<EventRecord>): string {
  const arrow = e.direction === 'forward' ? pc.green('▲ ') : e.direction === 'rearward' ? pc.red('▼ ') : pc.dim('• ');
  const flags = `${e.negated ? 'N' : '-'}${e.conditional ? 'C' : '-'}${e.modality === 'intended' ? 'I' : e.modality === 'hypothetical' ? 'H' : e.modality === 'reported' ? 'R' : '-'}`;
  const colour = e.direction === 'forward' ? pc.green : e.direction === 'rearward' ? pc.red : (s: string) => s;
  return `${pad(e.date, 10)}  ${pad(e.source, 10)}  ${pad(e.target || '—', 10)}  ${pad(e.cameo, 4)}  ${colour(pad(e.plover, 10))}  ${arrow} ${pad(flags, 5)}  ${pad(e.evidence.replace(/\s+/g, ' '), 80)}\n`;
}
