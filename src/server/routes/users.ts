/** `/api/users` and `/api/audit`: the admin page's API. Admins only. */
import type { Hono } from 'hono';
import { z } from 'zod';
import { addUser, changeUser, publicUser } from '../../auth/accounts.js';
import { ACCOUNT_ROLES } from '../../auth/roles.js';
import { requirePermission } from '../auth.js';
import type { AppEnv, ServerContext } from '../context.js';
import { badRequest } from '../http-error.js';
import { parseJsonBody, parseParam, parseQuery } from '../validate.js';
import { rethrowAccount } from './auth.js';

const roleSchema = z.enum(ACCOUNT_ROLES as [string, ...string[]]);
export const userBodySchema = z.object({
  username: z.string().max(100),
  role: roleSchema,
  password: z.string().max(1000),
  displayName: z.string().max(100).optional(),
});
export const userChangeSchema = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    displayName: z.string().max(100).nullable().optional(),
    password: z.string().max(1000).optional(),
    unlock: z.boolean().optional(),
  })
  .strict();
export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: z.string().max(200).optional(),
    actor: z.string().max(100).optional(),
  })
  .strict();
const userIdParam = z.coerce.number().int().positive();

export function registerUserRoutes(app: Hono<AppEnv>, context: ServerContext): void {
  const { store } = context;
  const admin = requirePermission('admin');

  app.get('/api/users', admin, async (c) => c.json({ items: (await store.accounts.listUsers()).map(publicUser) }));

  app.post('/api/users', admin, async (c) => {
    const body = await parseJsonBody(c, userBodySchema);
    const user = await addUser(store, body).catch(rethrowAccount);
    c.set('audit', { target: `user:${user.username}`, detail: { role: user.role } });
    return c.json(publicUser(user), 201);
  });

  app.patch('/api/users/:id', admin, async (c) => {
    const id = parseParam('user id', c.req.param('id'), userIdParam);
    const body = await parseJsonBody(c, userChangeSchema);
    const { password: _password, ...shown } = body;
    const user = await changeUser(store, id, body).catch(rethrowAccount);
    c.set('audit', {
      target: `user:${user.username}`,
      detail: { ...shown, ...(body.password !== undefined ? { password: 'changed' } : {}) },
    });
    return c.json(publicUser(user));
  });

  app.get('/api/audit', admin, async (c) => {
    const query = parseQuery(c, auditQuerySchema);
    try {
      return c.json(await store.audit.list(query));
    } catch (error) {
      if (error instanceof Error && /cursor/.test(error.message)) throw badRequest(error.message);
      throw error;
    }
  });
}
