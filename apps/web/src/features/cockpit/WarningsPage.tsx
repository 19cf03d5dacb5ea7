import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Collapse, Empty, Flex, List, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../shared/api';
import type { WarningRule } from './api';

/** 预警: one collapsible card per rule with what it found. */
export default function WarningsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const q = useQuery({
    queryKey: ['warnings'],
    queryFn: ({ signal }) => api.get<{ items: WarningRule[] }>('/warnings', undefined, { signal }),
  });
  if (q.isError && !q.data)
    return (
      <Card>
        <Result
          status="warning"
          title={t('pageTable.loadFailed')}
          subTitle={(q.error as Error).message}
          extra={
            <Button type="primary" onClick={() => q.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </Card>
    );
  if (q.isLoading) return <Card loading />;
  const rules = q.data?.items ?? [];
  if (rules.length === 0)
    return (
      <Card>
        <Empty description={t('ck.warnings.empty')} />
      </Card>
    );
  return (
    <Flex vertical gap={12}>
      {rules.map((r) => (
        <Collapse
          key={r.rule}
          data-testid={`warning-${r.rule}`}
          defaultActiveKey={r.count > 0 ? [r.rule] : []}
          style={{ background: '#fff' }}
          items={[
            {
              key: r.rule,
              label: <Typography.Text strong>{en ? r.en : r.zh}</Typography.Text>,
              extra: (
                <Badge
                  count={r.count}
                  showZero
                  overflowCount={999}
                  color={r.count > 0 ? '#cf1322' : '#bfbfbf'}
                  title={t('ck.warnings.count', { n: r.count })}
                />
              ),
              children:
                r.items.length === 0 ? (
                  <Typography.Text type="secondary">{t('ck.warnings.none')}</Typography.Text>
                ) : (
                  <List
                    size="small"
                    dataSource={r.items}
                    renderItem={(x) => (
                      <List.Item key={`${x.id}-${x.name}`}>
                        <List.Item.Meta title={<Link to={x.link}>{x.name}</Link>} description={x.detail ?? undefined} />
                      </List.Item>
                    )}
                  />
                ),
            },
          ]}
        />
      ))}
    </Flex>
  );
}
