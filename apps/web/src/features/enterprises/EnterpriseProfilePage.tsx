import { ArrowLeftOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Result, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, isApiError } from '../../shared/api';
import { Can } from '../../shared/Can';
import { DictTag } from '../../shared/dicts';
import { showError } from '../../shared/feedback';
import { formatDate, formatDateTime, formatWan } from '../../shared/format';
import { RegionName } from '../../shared/regions';
import { useCan } from '../../shared/session';
import { useIsMobile } from '../../shared/useIsMobile';
import { ENTERPRISES_KEY, type EnterpriseDetail, isMasked, useEnterprise } from './api';
import { EnterpriseDrawer } from './EnterpriseDrawer';
import { HonoursTab } from './HonoursTab';
import { IndicatorsTab } from './IndicatorsTab';
import { DemoTag, DictTags, RegisterStatusTag } from './shared';
import { TimelineTab } from './TimelineTab';

/** The contact phone, masked; holders of pii:view may reveal it (the server audits that). */
export function ContactPhone({ enterprise }: { enterprise: EnterpriseDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const phone = enterprise.contactPhone;
  if (!phone) return <>—</>;
  const reveal = async () => {
    if (full) {
      setFull(null);
      return;
    }
    setBusy(true);
    try {
      const r = await api.get<{ phone: string | null }>(`/enterprises/${enterprise.id}/contact-phone`);
      setFull(r.phone ?? '');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const shown = full ?? phone;
  return (
    <Space size={4}>
      {isMasked(shown) ? <span className="bz-mono">{shown}</span> : <a href={`tel:${shown}`}>{shown}</a>}
      {can('pii:view') && (isMasked(phone) || full) && (
        <Tooltip title={full ? t('users.hidePhone') : t('users.viewPhone')}>
          <Button
            type="text"
            size="small"
            loading={busy}
            aria-label={full ? t('users.hidePhone') : t('users.viewPhone')}
            icon={full ? <EyeInvisibleOutlined /> : <EyeOutlined />}
            onClick={reveal}
          />
        </Tooltip>
      )}
    </Space>
  );
}

/** 6-digit registering authority code (USCC positions 3–8) → the 12-digit statistical code. */
const authorityRegion = (code: string | null) => (code && /^\d{6}$/.test(code) ? `${code}000000` : null);

function InfoTab({ e, onEdit }: { e: EnterpriseDetail; onEdit: () => void }) {
  const { t } = useTranslation();
  const facts = Object.entries(e.facts ?? {});
  return (
    <Card
      size="small"
      extra={
        <Can perm="enterprise:edit">
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('common.edit')}
          </Button>
        </Can>
      }
      title={t('ent.tabs.info')}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} bordered>
        <Descriptions.Item label={t('ent.fields.name')}>{e.name}</Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.shortName')}>{e.shortName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.uscc')}>
          <span className="bz-mono">{e.uscc ?? '—'}</span>
        </Descriptions.Item>
        {e.usccOverride && <Descriptions.Item label={t('ent.fields.usccOverride')}>{e.usccOverride}</Descriptions.Item>}
        <Descriptions.Item label={t('ent.fields.region')}>{e.regionName ?? e.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.address')}>{e.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.industry')}>
          {e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.chain')}>
          <DictTag type="industry_chain" value={e.chain} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.tags')}>
          <DictTags type="enterprise_tag" values={e.tags} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.statCategory')}>
          <DictTag type="stat_category" value={e.statCategory} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.registerStatus')}>
          <RegisterStatusTag status={e.registerStatus} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.registerDate')}>{formatDate(e.registerDate)}</Descriptions.Item>
        {e.exitDate && <Descriptions.Item label={t('ent.fields.exitDate')}>{formatDate(e.exitDate)}</Descriptions.Item>}
        <Descriptions.Item label={t('ent.fields.targetRegister')}>
          <DictTag type="stat_category" value={e.targetRegister} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.legalPerson')}>{e.legalPerson ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.contactName')}>{e.contactName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.contactPhone')}>
          <ContactPhone enterprise={e} />
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.establishedOn')}>{formatDate(e.establishedOn)}</Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.registeredCapital')}>
          {e.registeredCapital ? `${formatWan(e.registeredCapital)} ${t('ent.wanUnit')}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.cadre')}>{e.cadreName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.revenue12')}>{formatWan(e.revenue12)}</Descriptions.Item>
        {facts.map(([k, v]) => (
          <Descriptions.Item key={k} label={k}>
            {v === null ? '—' : String(v)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('ent.fields.note')} span="filled">
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
            {e.note ?? '—'}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('ent.fields.updatedAt')}>{formatDateTime(e.updatedAt, false)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

const TABS = ['indicators', 'honours', 'timeline', 'info'] as const;

export default function EnterpriseProfilePage() {
  const { t } = useTranslation();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [sp, setSp] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as string) : 'indicators';
  const [editing, setEditing] = useState(false);
  const q = useEnterprise(id);

  if (!Number.isInteger(id) || id <= 0 || (q.isError && isApiError(q.error) && q.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('ent.notFound')}
        subTitle={t('ent.notFoundBody')}
        extra={
          <Button type="primary" onClick={() => navigate('/enterprises')}>
            {t('ent.backToList')}
          </Button>
        }
      />
    );
  }
  if (q.isError) {
    return (
      <Result
        status="warning"
        title={t('ent.loadFailed')}
        subTitle={(q.error as Error).message}
        extra={<Button onClick={() => q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const e = q.data;
  if (!e) return <Skeleton active />;

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex vertical gap={8}>
          <Flex align="flex-start" justify="space-between" gap={8} wrap>
            <Space align="start" size={4}>
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                aria-label={t('ent.backToList')}
                onClick={() => navigate(-1)}
              />
              <div>
                <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-all' }} data-testid="ent-name">
                  {e.name}
                </Typography.Title>
                <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
                  <RegisterStatusTag status={e.registerStatus} />
                  {e.statCategory && <DictTag type="stat_category" value={e.statCategory} />}
                  {e.chain && <DictTag type="industry_chain" value={e.chain} />}
                  {e.tags.length > 0 && <DictTags type="enterprise_tag" values={e.tags} />}
                  {e.honours.length > 0 && <DictTags type="honour_level" values={e.honours} />}
                  {e.isDemo && <DemoTag />}
                </Space>
              </div>
            </Space>
            <Can perm="enterprise:edit">
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            </Can>
          </Flex>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('ent.fields.uscc')}>
              <Space size={4} wrap>
                <span className="bz-mono">{e.uscc ?? '—'}</span>
                {e.registrationRegion && (
                  <Typography.Text type="secondary">
                    {t('ent.registeredAt')}
                    <RegionName code={authorityRegion(e.registrationRegion)} />
                  </Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('ent.fields.region')}>{e.regionName ?? e.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('ent.fields.address')}>{e.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ent.fields.cadre')}>{e.cadreName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ent.fields.contact')}>
              <Space size={4} wrap>
                {e.contactName && <span>{e.contactName}</span>}
                <ContactPhone enterprise={e} />
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('ent.fields.revenue12')}>
              <span className="bz-mono">{formatWan(e.revenue12)}</span>
            </Descriptions.Item>
          </Descriptions>
        </Flex>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          const next = new URLSearchParams(sp);
          if (k === 'indicators') next.delete('tab');
          else next.set('tab', k);
          setSp(next, { replace: true });
        }}
        size={isMobile ? 'small' : 'middle'}
        destroyOnHidden
        items={[
          { key: 'indicators', label: t('ent.tabs.indicators'), children: <IndicatorsTab enterpriseId={e.id} /> },
          { key: 'honours', label: t('ent.tabs.honours'), children: <HonoursTab enterpriseId={e.id} /> },
          { key: 'timeline', label: t('ent.tabs.timeline'), children: <TimelineTab enterpriseId={e.id} /> },
          { key: 'info', label: t('ent.tabs.info'), children: <InfoTab e={e} onEdit={() => setEditing(true)} /> },
        ]}
      />
      {editing && (
        <EnterpriseDrawer
          enterprise={e}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            qc.setQueryData([ENTERPRISES_KEY, 'detail', e.id], saved);
            qc.invalidateQueries({ queryKey: [ENTERPRISES_KEY] });
          }}
        />
      )}
    </Flex>
  );
}
