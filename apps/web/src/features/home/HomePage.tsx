import { ROLE_LABELS, type RoleCode } from '@beizeng/contract';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ROUTES } from '../../app/routes';
import { useCan, useCurrentUser } from '../../shared/session';

export function roleLabel(code: string, lang: string): string {
  const l = ROLE_LABELS[code as RoleCode];
  if (!l) return code;
  return lang === 'en' ? l.en : l.zh;
}

function greetingKey(hour: number) {
  if (hour < 11) return 'home.morning' as const;
  if (hour < 13) return 'home.noon' as const;
  if (hour < 18) return 'home.afternoon' as const;
  return 'home.evening' as const;
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const links = ROUTES.filter((r) => r.menu && r.path !== '/' && can(r.perm));
  const now = dayjs();

  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="welcome">
          {t(greetingKey(now.hour()), { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('home.today', { date: now.format(i18n.language === 'en' ? 'dddd, YYYY-MM-DD' : 'YYYY-MM-DD dddd') })}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'username', label: t('home.account'), children: me.username },
            {
              key: 'roles',
              label: t('home.roles'),
              children: (
                <Flex wrap gap={4}>
                  {me.roles.length ? me.roles.map((r) => <Tag key={r}>{roleLabel(r, i18n.language)}</Tag>) : '—'}
                </Flex>
              ),
            },
            { key: 'region', label: t('home.region'), children: me.regionName ?? '—' },
            ...(me.department ? [{ key: 'dept', label: t('home.department'), children: me.department.name }] : []),
            ...(me.enterprise ? [{ key: 'ent', label: t('home.enterprise'), children: me.enterprise.name }] : []),
            { key: 'scope', label: t('home.scope'), children: t(`scope.${me.scope.kind}`) },
          ]}
        />
      </Card>

      <Card title={t('home.quickLinks')}>
        {links.length === 0 ? (
          <Typography.Text type="secondary">{t('home.noLinks')}</Typography.Text>
        ) : (
          <Row gutter={[12, 12]}>
            {links.map((r) => (
              <Col key={r.path} xs={24} sm={12} lg={8} xl={6}>
                <Link to={r.path}>
                  <Card size="small" hoverable>
                    <Flex gap={12} align="center">
                      <span style={{ fontSize: 22, color: '#1f5fbf' }}>{r.icon}</span>
                      <Flex vertical style={{ minWidth: 0 }}>
                        <Typography.Text strong>{t(r.labelKey)}</Typography.Text>
                        {r.descKey && (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                            {t(r.descKey)}
                          </Typography.Text>
                        )}
                      </Flex>
                    </Flex>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>

      <Card size="small">
        <Typography.Text type="secondary">{t('home.comingSoon')}</Typography.Text>
      </Card>
    </Flex>
  );
}
