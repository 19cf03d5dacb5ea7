import {
  CARDS,
  RATINGS,
  TICKET_ACTION_CODES,
  TICKET_STATE_LABELS,
  TICKET_STATES,
  type ticketDetail,
  type ticketStats,
  type ticketSummary,
  type transitionBody,
} from '@beizeng/contract';
import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import type { z } from 'zod';
import zhCN from '../../app/locales/zh-CN';
import { ApiError, api } from '../../shared/api';

export const TICKETS_KEY = 'tickets';

export type TicketSummary = z.infer<typeof ticketSummary>;
export type TicketDetail = z.infer<typeof ticketDetail>;
export type TicketStats = z.infer<typeof ticketStats>;
export type TransitionBody = z.input<typeof transitionBody>;
export type TicketState = (typeof TICKET_STATES)[number];
export type Card = (typeof CARDS)[number];
export type Rating = (typeof RATINGS)[number];
export type ActionCode = (typeof TICKET_ACTION_CODES)[number];
/** Codes in the history: the actions plus register and file. */
export type EventCode = keyof typeof zhCN.svc.action;

export { CARDS, RATINGS, TICKET_STATES };

export function stateLabel(state: string, lang: string): string {
  const l = TICKET_STATE_LABELS[state as TicketState];
  if (!l) return state;
  return lang === 'en' ? l.en : l.zh;
}

/** Tag colour per workflow state. */
export const STATE_COLORS: Record<TicketState, string> = {
  registered: 'default',
  assigned: 'blue',
  accepted: 'cyan',
  in_progress: 'processing',
  answered: 'geekblue',
  review: 'purple',
  rating: 'gold',
  archived: 'success',
};

/** Colour of a clock card: red 超期, yellow 临期, green 正常; met/late once done. */
export const CARD_COLORS: Record<Card, string> = {
  red: 'red',
  yellow: 'gold',
  green: 'green',
  met: 'success',
  late: 'volcano',
};

/** Whether a string is a workflow action the UI knows. */
export const isActionCode = (a: string): a is ActionCode => (TICKET_ACTION_CODES as readonly string[]).includes(a);
/** Whether a history event code has a label. */
export const isEventCode = (a: string): a is EventCode => a in zhCN.svc.action;

export function useTicket(id: number) {
  return useQuery({
    queryKey: [TICKETS_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<TicketDetail>(`/tickets/${id}`, undefined, { signal }),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Upload rule for ticket files (the server checks again). */
export const FILE_TYPES = ['.pdf', '.jpg', '.jpeg', '.png', '.docx', '.xlsx'];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function fileAllowed(name: string): boolean {
  const lower = name.toLowerCase();
  return FILE_TYPES.some((ext) => lower.endsWith(ext));
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** POST multipart (field "file"); the server's problem+json becomes an ApiError like every other call. */
export async function uploadTicketFile(id: number, file: File, internal: boolean): Promise<{ id: number }> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1/tickets/${id}/files?internal=${internal}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': i18next.language },
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: i18next.t('errors.network') });
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError({
      status: res.status,
      code: data?.code ?? 'HTTP',
      message: data?.message ?? `HTTP ${res.status}`,
      requestId: data?.requestId ?? null,
      errors: Array.isArray(data?.errors) ? data.errors : [],
      details: data?.details ?? null,
    });
  }
  return data as { id: number };
}
