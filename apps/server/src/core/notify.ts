import { inArray } from 'drizzle-orm';
import { notifications } from '../modules/notifications/notifications.tables';
import { getSetting } from '../modules/settings/settings.service';
import { users } from '../modules/users/users.tables';
import type { Db } from './db';
import type { Ctx } from './http';

export interface Notice {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  /** Set for scheduled notices so each is sent once (e.g. `due:ticket:12:2026-11-25`). */
  dedupeKey?: string;
}

/**
 * In-app notifications, written in the caller's transaction; the outbound webhook (DingTalk/WeCom-style
 * JSON) is posted only after the transaction commits.
 */
export async function notify(ctx: Pick<Ctx, 'db' | 'afterCommit'>, userIds: number[], n: Notice): Promise<number> {
  const ids = [...new Set(userIds)].filter((x) => Number.isInteger(x));
  if (!ids.length) return 0;
  const rows = await ctx.db
    .insert(notifications)
    .values(
      ids.map((userId) => ({
        userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        dedupeKey: n.dedupeKey ? `${n.dedupeKey}:${userId}` : null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  if (!rows.length) return 0;
  const db = ctx.db;
  const url = await getSetting(db, 'webhookUrl');
  if (!url) return rows.length;
  const names = await db
    .select({ username: users.username, name: users.displayName })
    .from(users)
    .where(
      inArray(
        users.id,
        rows.map((r) => r.userId),
      ),
    );
  ctx.afterCommit.push(() =>
    postWebhook(
      url,
      n,
      names.map((x) => x.name),
    ),
  );
  return rows.length;
}

/** DingTalk/WeCom-style markdown message; a failing receiver never affects the request. */
export async function postWebhook(url: string, n: Notice, recipients: string[]): Promise<void> {
  const text = [
    `### ${n.title}`,
    n.body ?? '',
    recipients.length ? `接收人：${recipients.join('、')}` : '',
    n.link ? `链接：${n.link}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const ctrl = new AbortController();
  const t = setTimeout(() => ctrl.abort(), 5000);
  try {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { title: n.title, text, content: text }, kind: n.kind }),
      signal: ctrl.signal,
    });
  } finally {
    clearTimeout(t);
  }
}

export type { Db };
