/** The audit log: one row per write (or attempted write), saying who, what, when and from where. */
import { decodeCursor, encodeCursor } from './cursor.js';
import type { Driver, Row } from './driver.js';
import type { Page } from './store.js';

export interface AuditEntryInput {
  /** Username, `anonymous`, `bootstrap-token` or `local-operator`; `cli:<os user>` for the CLI. */
  actor: string;
  userId: number | null;
  role: string;
  /** How the actor was recognised: `session`, `token`, `bootstrap`, `loopback`, `cli` or `none`. */
  via: string;
  /** `POST /api/commentary/:id/publish`, `users.add` … */
  action: string;
  target: string | null;
  status: number | null;
  ip: string | null;
  userAgent: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AuditEntry extends Omit<AuditEntryInput, 'detail'> {
  id: number;
  at: string;
  detail: Record<string, unknown> | null;
}

export interface AuditStore {
  record(entry: AuditEntryInput): Promise<void>;
  /** Newest first, a page at a time. */
  list(query?: { limit?: number; cursor?: string | null; actor?: string }): Promise<Page<AuditEntry>>;
}

function toEntry(row: Row): AuditEntry {
  const str = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    id: Number(row.id),
    at: String(row.at),
    actor: String(row.actor),
    userId: row.user_id === null || row.user_id === undefined ? null : Number(row.user_id),
    role: String(row.role),
    via: String(row.via),
    action: String(row.action),
    target: str(row.target),
    status: row.status === null || row.status === undefined ? null : Number(row.status),
    ip: str(row.ip),
    userAgent: str(row.user_agent),
    detail: row.detail ? (JSON.parse(String(row.detail)) as Record<string, unknown>) : null,
  };
}

/** The audit log over a driver; both databases share it. */
export function auditStore(db: Driver): AuditStore {
  return {
    async record(entry) {
      await db.run(
        `INSERT INTO audit_log (at, actor, user_id, role, via, action, target, status, ip, user_agent, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          new Date().toISOString(),
          entry.actor,
          entry.userId,
          entry.role,
          entry.via,
          entry.action,
          entry.target,
          entry.status,
          entry.ip,
          entry.userAgent?.slice(0, 300) ?? null,
          entry.detail ? JSON.stringify(entry.detail) : null,
        ],
      );
    },
    async list(query = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.actor) {
        where.push('actor = ?');
        params.push(query.actor);
      }
      if (query.cursor) {
        where.push('id < ?');
        params.push(Number(decodeCursor(query.cursor)[0]));
      }
      const limit = Math.max(1, Math.min(1000, query.limit ?? 100));
      const rows = await db.all(
        `SELECT * FROM audit_log${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
        [...params, limit + 1],
      );
      const items = rows.slice(0, limit).map(toEntry);
      const last = items[items.length - 1];
      return { items, next: rows.length > limit && last ? encodeCursor([last.id]) : null };
    },
  };
}
