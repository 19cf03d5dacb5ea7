import type { notificationRow } from '@beizeng/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type Page } from '../../shared/api';
import { showError } from '../../shared/feedback';

export type Notification = z.infer<typeof notificationRow>;
export type NotificationPage = Page<Notification> & { unread: number };
export const NOTIFICATIONS_KEY = 'notifications';

/** The latest ten and the unread count, polled every 60 s for the bell. */
export function useBell() {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'bell'],
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { pageSize: 10 }, { signal }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    meta: { silent: true },
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
  return {
    one: async (id: number) => {
      try {
        await api.post(`/notifications/${id}/read`);
      } catch (e) {
        showError(e);
      }
      done();
    },
    all: async () => {
      try {
        await api.post('/notifications/read-all');
        return true;
      } catch (e) {
        showError(e);
        return false;
      } finally {
        done();
      }
    },
  };
}

/** Only links inside the app are followed (a notification's link comes from the server). */
export const safeLink = (link: string | null) => (link?.startsWith('/') && !link.startsWith('//') ? link : null);
