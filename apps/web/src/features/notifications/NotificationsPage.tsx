import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Select, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { feedback } from '../../shared/feedback';
import { formatDateTime } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { NOTIFICATIONS_KEY, type Notification, safeLink, useMarkRead } from './api';

export default function NotificationsPage() {
  const { t } = useTranslation();
  const mark = useMarkRead();

  const filters: FilterField[] = [
    {
      name: 'unread',
      label: t('svc.notifications.status'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[{ value: 'true', label: t('svc.notifications.unreadOnly') }]}
        />
      ),
    },
  ];

  const columns: TableColumnsType<Notification> = [
    {
      title: t('svc.notifications.title'),
      dataIndex: 'title',
      render: (v: string, n) => {
        const link = safeLink(n.link);
        const text = <Typography.Text strong={!n.readAt}>{v}</Typography.Text>;
        return (
          <Flex vertical>
            <Badge dot={!n.readAt} offset={[6, 0]}>
              {link ? (
                <Link to={link} onClick={() => !n.readAt && mark.one(n.id)}>
                  {text}
                </Link>
              ) : (
                text
              )}
            </Badge>
            {n.body && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {n.body}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    { title: t('svc.notifications.time'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, false) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, n) =>
        n.readAt ? (
          <Typography.Text type="secondary">{t('svc.notifications.read')}</Typography.Text>
        ) : (
          <Button type="link" size="small" icon={<CheckOutlined />} onClick={() => mark.one(n.id)}>
            {t('svc.notifications.markRead')}
          </Button>
        ),
    },
  ];

  return (
    <PageTable<Notification>
      queryKey={NOTIFICATIONS_KEY}
      path="/notifications"
      rowKey="id"
      columns={columns}
      filters={filters}
      emptyHint={t('svc.notifications.empty')}
      toolbar={() => (
        <Button
          onClick={async () => {
            if (await mark.all()) feedback.message.success(t('svc.notifications.allRead'));
          }}
        >
          {t('svc.notifications.readAll')}
        </Button>
      )}
    />
  );
}
