/**
 * What the store- and ingest-related subcommands share: the `--db` option, opening the store, loading the coder,
 * fetch limits from flags and environment, and a progress bar that only draws on a terminal.
 */
import type { Command } from 'commander';
import type { Coder } from '../coder/types.js';
import type { Store } from '../store/store.js';
import type { FetchLimits } from './safe-fetch.js';

export interface StoreFlags {
  db?: string;
}

/** Adds `--db PATH` to a command. */
export function withDbOption(command: Command): Command {
  return command.option(
    '--db <path>',
    'SQLite file (default: $DYADWATCH_DB or ./dyadwatch.db; $DATABASE_URL selects PostgreSQL)',
  );
}

/** Opens the store the flags and environment select. */
export async function openCliStore(flags: StoreFlags): Promise<Store> {
  const { openStore } = await import('../store/index.js');
  return openStore(flags.db === undefined ? {} : { db: flags.db });
}

/** Builds the coder (dictionaries loaded once). */
export async function loadCoder(): Promise<Coder> {
  const { createCoder } = await import('../coder/index.js');
  return createCoder();
}

/** Adds the fetch-limit flags to a command that fetches URLs. */
export function withFetchOptions(command: Command): Command {
  return command
    .option('--allow <address...>', 'addresses or CIDR ranges allowed although private (also $DYADWATCH_FETCH_ALLOW)')
    .option('--allow-private', 'fetch from private and local addresses too (trusted networks only)')
    .option('--timeout <seconds>', 'time limit per request', '15')
    .option('--max-size <megabytes>', 'size limit per response', '5');
}

export function fetchLimits(flags: {
  allow?: string[];
  allowPrivate?: boolean;
  timeout?: string;
  maxSize?: string;
}): FetchLimits {
  const fromEnv = (process.env.DYADWATCH_FETCH_ALLOW ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    allow: [...fromEnv, ...(flags.allow ?? [])],
    allowPrivate: flags.allowPrivate === true,
    timeoutMs: Number(flags.timeout ?? 15) * 1000,
    maxBytes: Number(flags.maxSize ?? 5) * 1024 * 1024,
  };
}

export interface Progress {
  update(value: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

/** A cli-progress bar on stderr when it is a terminal; nothing otherwise (logs and pipes stay clean). */
export async function progressBar(total: number, label: string): Promise<Progress> {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {docs} docs, {events} events, {failed} failed | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { docs: 0, events: 0, failed: 0 });
  return {
    update: (value, payload) => bar.update(value, payload),
    stop: () => bar.stop(),
  };
}

/** Prints per-item errors (at most `limit`) to stderr. */
export function printErrors(errors: readonly string[], total: number, limit = 50): void {
  for (const error of errors.slice(0, limit)) process.stderr.write(`  error: ${error}\n`);
  if (total > limit) process.stderr.write(`  … and ${total - limit} more\n`);
}
