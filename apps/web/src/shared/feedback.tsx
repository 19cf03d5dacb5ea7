import { App, type FormInstance } from 'antd';
import i18next from 'i18next';
import { useEffect } from 'react';
import { type FieldError, isApiError } from './api';

/** antd's message/notification/modal bound to the App context, usable outside components (query callbacks). */
type AppApi = ReturnType<typeof App.useApp>;
export const feedback: Pick<AppApi, 'message' | 'notification' | 'modal'> = {
  message: null as unknown as AppApi['message'],
  notification: null as unknown as AppApi['notification'],
  modal: null as unknown as AppApi['modal'],
};

export function FeedbackBridge() {
  const app = App.useApp();
  useEffect(() => {
    feedback.message = app.message;
    feedback.notification = app.notification;
    feedback.modal = app.modal;
  }, [app]);
  // also set synchronously on first render so children's effects can use it
  feedback.message ??= app.message;
  feedback.notification ??= app.notification;
  feedback.modal ??= app.modal;
  return null;
}

/** Server messages from the contract are "中文 / English"; keep the half for the current language. */
export function localizeMessage(msg: string, locale = i18next.language): string {
  const parts = msg.split(' / ');
  if (parts.length !== 2) return msg;
  return locale === 'en' ? parts[1] : parts[0];
}

/** `body.username` → ['username']; `body.roles.0` → ['roles']; query/params paths → null. */
export function fieldNameOf(path: string): string[] | null {
  const segs = path.split(/[.[\]/]/).filter(Boolean);
  if (segs[0] !== 'body') return null;
  const name = segs.slice(1).filter((s) => !/^\d+$/.test(s));
  return name.length ? name : null;
}

/** Puts each field error on its form field; returns the errors no field shows. */
export function applyFieldErrors(form: FormInstance, errors: FieldError[]): FieldError[] {
  const present = form.getFieldsValue() as Record<string, unknown>;
  const byField = new Map<string, { name: string[]; messages: string[] }>();
  const rest: FieldError[] = [];
  for (const e of errors) {
    const name = fieldNameOf(e.path);
    if (!name || !(name[0] in present)) {
      rest.push(e);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, messages: [] };
    entry.messages.push(localizeMessage(e.message));
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map((f) => ({ name: f.name, errors: f.messages })));
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name);
  return rest;
}

/**
 * Shows an error the way a clerk can act on it: the server's message; field errors on the form;
 * the request id for server faults so support can find the log line.
 */
export function showError(err: unknown, form?: FormInstance) {
  const t = i18next.t.bind(i18next);
  if (!isApiError(err)) {
    if ((err as Error)?.name === 'AbortError') return;
    feedback.notification?.error({
      title: t('errors.unexpected'),
      description: String((err as Error)?.message ?? err),
    });
    return;
  }
  // these send the user elsewhere (login / change password) already
  if (['UNAUTHENTICATED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED', 'TOTP_ENROLMENT_REQUIRED'].includes(err.code))
    return;
  // VALIDATION, and conflicts such as DUPLICATE that name the field (body.username)
  if (err.code === 'VALIDATION' || err.errors.length > 0) {
    const rest = form ? applyFieldErrors(form, err.errors) : err.errors;
    if (rest.length === 0) {
      feedback.message.error(err.message);
      return;
    }
    feedback.notification?.error({
      title: err.message,
      description: rest.length ? (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {rest.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path.replace(/^(body|query|params)\./, '')}: {localizeMessage(e.message)}
            </li>
          ))}
        </ul>
      ) : undefined,
    });
    return;
  }
  if (err.status >= 500 || err.code === 'NETWORK') {
    feedback.notification?.error({
      title: err.message,
      description: err.requestId ? t('errors.requestId', { id: err.requestId }) : undefined,
    });
    return;
  }
  feedback.message?.error(err.message);
}
