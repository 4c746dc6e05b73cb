/**
 * `dyadwatch users add|list|role|disable|enable`: accounts from the command line (the first admin is made here).
 * Passwords are read from `--password-stdin` or `DYADWATCH_PASSWORD`, never from an argument that would show in
 * the process list and shell history. Every change is written to the audit log as `cli:<os user>`.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { withDbOption } from '../../ingest/cli-support.js';
import type { Store } from '../../store/store.js';
import { CliError } from '../cli-error.js';

interface Flags {
  db?: string;
  passwordStdin?: boolean;
  name?: string;
}

async function readPassword(flags: Flags): Promise<string> {
  if (flags.passwordStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  const fromEnv = process.env.DYADWATCH_PASSWORD;
  if (fromEnv) return fromEnv;
  throw new CliError('give the password on stdin (--password-stdin) or in DYADWATCH_PASSWORD');
}

/** Opens the store, runs `work`, records it in the audit log and closes the store. */
async function withStore(flags: Flags, action: string, target: string, work: (store: Store) => Promise<string>) {
  const { openCliStore } = await import('../../ingest/cli-support.js');
  const { AccountError } = await import('../../auth/accounts.js');
  const store = await openCliStore(flags);
  try {
    const output = await work(store).catch((error: unknown) => {
      if (error instanceof AccountError) throw new CliError(error.message);
      throw error;
    });
    if (action !== 'users.list') {
      await store.audit.record({
        actor: `cli:${userInfo().username}`,
        userId: null,
        role: 'admin',
        via: 'cli',
        action,
        target,
        status: 0,
        ip: null,
        userAgent: null,
      });
    }
    process.stdout.write(output);
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  const users = program.command('users').description('club accounts: add, list, change role, disable');

  withDbOption(users.command('add <username> <role>'))
    .description('add an account (role: member, contributor, editor or admin)')
    .option('--name <display name>', 'the name shown beside commentary')
    .option('--password-stdin', 'read the password from stdin (else DYADWATCH_PASSWORD)')
    .action(async (username: string, role: string, flags: Flags) => {
      const password = await readPassword(flags);
      await withStore(flags, 'users.add', `user:${username}`, async (store) => {
        const { addUser } = await import('../../auth/accounts.js');
        const user = await addUser(store, { username, role, password, displayName: flags.name ?? null });
        return `added ${user.username} (${user.role})\n`;
      });
    });

  withDbOption(users.command('list'))
    .description('list accounts')
    .action(async (flags: Flags) => {
      await withStore(flags, 'users.list', '', async (store) => {
        const rows = (await store.accounts.listUsers()).map((u) =>
          [
            u.username.padEnd(20),
            u.role.padEnd(12),
            (u.disabled
              ? 'disabled'
              : u.lockedUntil && u.lockedUntil > new Date().toISOString()
                ? 'locked'
                : 'active'
            ).padEnd(9),
            u.lastLoginAt ?? 'never',
          ].join(' '),
        );
        return rows.length === 0 ? 'no accounts yet: dyadwatch users add <name> admin\n' : `${rows.join('\n')}\n`;
      });
    });

  withDbOption(users.command('role <username> <role>'))
    .description("change an account's role (ends its sessions)")
    .action(async (username: string, role: string, flags: Flags) => {
      await withStore(flags, 'users.role', `user:${username}`, async (store) => {
        const { changeUser } = await import('../../auth/accounts.js');
        const user = await changeUser(store, username, { role });
        return `${user.username} is now ${user.role}\n`;
      });
    });

  withDbOption(users.command('disable <username>'))
    .description('disable an account (ends its sessions; its API tokens stop working)')
    .action(async (username: string, flags: Flags) => {
      await withStore(flags, 'users.disable', `user:${username}`, async (store) => {
        const { changeUser } = await import('../../auth/accounts.js');
        const user = await changeUser(store, username, { disabled: true });
        return `${user.username} is disabled\n`;
      });
    });

  withDbOption(users.command('enable <username>'))
    .description('enable an account again and clear a lockout after failed logins')
    .action(async (username: string, flags: Flags) => {
      await withStore(flags, 'users.enable', `user:${username}`, async (store) => {
        const { changeUser } = await import('../../auth/accounts.js');
        const user = await changeUser(store, username, { disabled: false, unlock: true });
        return `${user.username} is enabled\n`;
      });
    });

  withDbOption(users.command('password <username>'))
    .description("set an account's password (ends its sessions)")
    .option('--password-stdin', 'read the password from stdin (else DYADWATCH_PASSWORD)')
    .action(async (username: string, flags: Flags) => {
      const password = await readPassword(flags);
      await withStore(flags, 'users.password', `user:${username}`, async (store) => {
        const { changeUser } = await import('../../auth/accounts.js');
        const user = await changeUser(store, username, { password });
        return `new password set for ${user.username}\n`;
      });
    });
}
