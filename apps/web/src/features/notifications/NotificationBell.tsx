import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Dropdown, Empty, Flex, List, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { feedback } from '../../shared/feedback';
import { formatDateTime } from '../../shared/format';
import { useIsMobile } from '../../shared/useIsMobile';
import { type Notification, safeLink, useBell, useMarkRead } from './api';

/** 消息通知 in the top bar: unread count, the latest ten, mark read, 全部已读. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const bell = useBell();
  const mark = useMarkRead();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const unread = bell.data?.unread ?? 0;

  const openItem = (n: Notification) => {
    if (!n.readAt) mark.one(n.id);
    const link = safeLink(n.link);
    setOpen(false);
    if (link) navigate(link);
  };

  const panel = (
    <Card
      size="small"
      style={{ width: 'min(360px, calc(100vw - 16px))', boxShadow: token.boxShadowSecondary }}
      title={t('svc.notifications.bell')}
      extra={
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          onClick={async () => {
            if (await mark.all()) feedback.message.success(t('svc.notifications.allRead'));
          }}
        >
          {t('svc.notifications.readAll')}
        </Button>
      }
      actions={[
        <Button
          key="all"
          type="link"
          size="small"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          {t('svc.notifications.viewAll')}
        </Button>,
      ]}
      styles={{ body: { padding: 0, maxHeight: 400, overflow: 'auto' } }}
    >
      {bell.data?.items.length ? (
        <List
          size="small"
          dataSource={bell.data.items}
          renderItem={(n) => (
            <List.Item
              onClick={() => openItem(n)}
              style={{ cursor: 'pointer', paddingInline: 12, background: n.readAt ? undefined : token.colorPrimaryBg }}
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text strong={!n.readAt} ellipsis={{ tooltip: n.title }}>
                  {n.title}
                </Typography.Text>
                {n.body && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {n.body}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt, false)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('svc.notifications.empty')}
          style={{ padding: 16 }}
        />
      )}
    </Card>
  );

  const button = (
    <Button
      type="text"
      aria-label={t('svc.notifications.bell')}
      data-testid="notification-bell"
      style={{ paddingInline: 4 }}
      onClick={isMobile ? () => navigate('/notifications') : undefined}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 16 }} />
      </Badge>
    </Button>
  );
  // a phone has no room for a drop-down panel: the bell opens the list page
  if (isMobile) return button;
  return (
    <Dropdown trigger={['click']} placement="bottomRight" open={open} onOpenChange={setOpen} popupRender={() => panel}>
      {button}
    </Dropdown>
  );
}
