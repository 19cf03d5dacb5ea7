import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { ENTERPRISES_KEY, type TimelineItem } from './api';

export function TimelineTab({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [ENTERPRISES_KEY, 'timeline', enterpriseId],
    queryFn: ({ signal }) =>
      api.get<{ items: TimelineItem[] }>(`/enterprises/${enterpriseId}/timeline`, undefined, { signal }),
  });
  const items = q.data?.items ?? [];
  // the server sends "module.action"; known ones get a readable label
  const kindLabel = (it: TimelineItem) =>
    t(`ent.timelineKinds.${it.kind.replace(/\./g, '_')}` as 'ent.timelineEmpty', { defaultValue: it.title });
  return (
    <Card size="small" title={t('ent.tabs.timeline')}>
      {q.isLoading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ent.timelineEmpty')} />
      ) : (
        <Timeline
          items={items.map((it, i) => ({
            key: `${it.at}:${i}`,
            title: (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(it.at, false)}
              </Typography.Text>
            ),
            content: (
              <div>
                <div>
                  <Typography.Text strong>{kindLabel(it)}</Typography.Text>
                </div>
                {it.detail && (
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                    {it.detail}
                  </Typography.Paragraph>
                )}
                {it.by && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('ent.timelineBy', { name: it.by })}
                  </Typography.Text>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
