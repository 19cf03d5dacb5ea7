import i18next from 'i18next';
import { isApiError } from './api';
import { feedback, showError } from './feedback';

/**
 * A save failed because someone else saved first (409 STALE_VERSION): say so, list what changed if the
 * server sent the current row, and reload. Otherwise show the error normally.
 */
export function handleSaveError(
  err: unknown,
  opts: {
    form?: import('antd').FormInstance;
    original?: Record<string, unknown> | null;
    labels?: Record<string, string>;
    reload: () => unknown;
  },
) {
  if (!isApiError(err) || err.code !== 'STALE_VERSION') {
    showError(err, opts.form);
    return;
  }
  const t = i18next.t.bind(i18next);
  const current = (err.details?.current ?? null) as Record<string, unknown> | null;
  const changed = current && opts.original ? changedFields(opts.original, current, opts.labels) : [];
  feedback.modal.warning({
    title: t('stale.title'),
    content: (
      <div>
        <p>{t('stale.body')}</p>
        {changed.length > 0 && (
          <>
            <p style={{ marginBottom: 4 }}>{t('stale.changed')}</p>
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {changed.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    ),
    okText: t('stale.reload'),
    onOk: () => opts.reload(),
  });
}

/** Labels of the fields whose values differ between what the form loaded and the server's current row. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  labels: Record<string, string> = {},
): string[] {
  const skip = new Set(['version', 'updatedAt', 'updatedBy', 'lastLoginAt']);
  const out: string[] = [];
  for (const k of Object.keys(after)) {
    if (skip.has(k) || !(k in before)) continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out.push(labels[k] ?? k);
  }
  return out;
}
