/**
 * Login rate limiting, in memory: failures are counted per account and per client address over a sliding
 * minute. With `perAccount` (9) failures in the last minute, the next attempt is refused before the password is
 * even checked, so the tenth wrong password in a minute is throttled. Per process: behind several server
 * processes the account lockout (`LOCKOUT_AFTER` consecutive failures, kept in the database) still holds.
 */
export interface LoginThrottleOptions {
  windowMs?: number;
  perAccount?: number;
  perAddress?: number;
  now?: () => number;
}

/** Consecutive failures after which an account locks, and for how long. */
export const LOCKOUT_AFTER = 20;
export const LOCKOUT_MS = 15 * 60_000;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly windowMs: number;
  private readonly perAccount: number;
  private readonly perAddress: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.perAccount = options.perAccount ?? 9;
    this.perAddress = options.perAddress ?? 30;
    this.now = options.now ?? Date.now;
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Seconds to wait before trying again, or 0 when an attempt may go ahead. */
  retryAfter(account: string, address: string): number {
    const waits = [
      [this.recent(`account:${account.toLowerCase()}`), this.perAccount],
      [this.recent(`address:${address}`), this.perAddress],
    ] as const;
    let wait = 0;
    for (const [times, limit] of waits) {
      if (times.length >= limit) {
        const oldest = times[times.length - limit] ?? this.now();
        wait = Math.max(wait, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
      }
    }
    return wait;
  }

  fail(account: string, address: string): void {
    for (const key of [`account:${account.toLowerCase()}`, `address:${address}`]) {
      const times = this.recent(key);
      times.push(this.now());
      this.failures.set(key, times);
    }
  }

  succeed(account: string): void {
    this.failures.delete(`account:${account.toLowerCase()}`);
  }
}
