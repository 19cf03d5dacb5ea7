import { PlusOutlined } from '@ant-design/icons';
import { Button, Progress, Select, Space, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Can } from '../../shared/Can';
import { DictTag, useDictOptions } from '../../shared/dicts';
import { ExportButton } from '../../shared/ExportButton';
import { formatPercent, formatWan } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useRegionFilterOptions } from '../../shared/regions';
import { useCurrentUser } from '../../shared/session';
import { CULTIVATION_KEY, type RadarRow } from '../enterprises/api';
import { MonthInput } from './MonthInput';
import { PoolEntryModal } from './PoolTab';

export function RadarTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const categoryOptions = useDictOptions('stat_category');
  const regionOptions = useRegionFilterOptions(me.regionCode);
  const [adding, setAdding] = useState<RadarRow | null>(null);
  const yesNo = [
    { value: 'true', label: t('ent.radar.yes') },
    { value: 'false', label: t('ent.radar.no') },
  ];
  const filters: FilterField[] = [
    { name: 'asOf', label: t('ent.radar.asOf'), input: <MonthInput placeholder={t('ent.radar.asOfHint')} /> },
    {
      name: 'category',
      label: t('ent.radar.category'),
      input: <Select allowClear options={categoryOptions} placeholder={t('common.all')} />,
    },
    {
      name: 'near',
      label: t('ent.radar.nearFilter'),
      input: <Select allowClear options={yesNo} placeholder={t('common.all')} />,
    },
    {
      name: 'pooled',
      label: t('ent.radar.pooled'),
      input: <Select allowClear options={yesNo} placeholder={t('common.all')} />,
    },
    {
      name: 'regionCode',
      label: t('ent.fields.region'),
      input: (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={regionOptions}
          placeholder={t('common.all')}
        />
      ),
    },
  ];
  const wan = (v: string) => <span className="bz-mono">{formatWan(v)}</span>;
  const columns: TableColumnsType<RadarRow> = [
    {
      title: t('ent.fields.name'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <div>
          <Link to={`/enterprises/${r.enterpriseId}`}>{v}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.regionName ?? ''}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('ent.radar.category'),
      dataIndex: 'category',
      render: (v: string) => <DictTag type="stat_category" value={v} />,
    },
    {
      title: t('ent.radar.threshold'),
      dataIndex: 'threshold',
      align: 'right',
      render: (v: string, r) => (
        <Tooltip title={r.thresholdSource}>
          <span className="bz-mono" style={{ borderBottom: '1px dashed #bbb' }}>
            {formatWan(v)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('ent.radar.trailing12'),
      dataIndex: 'trailing12',
      align: 'right',
      render: (v: string, r) => (
        <Space size={4} wrap={false}>
          {wan(v)}
          {r.monthsInWindow < 12 && (
            <Tooltip title={t('ent.radar.partialWindow', { n: r.monthsInWindow })}>
              <Tag>{t('ent.radar.months', { n: r.monthsInWindow })}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: t('ent.radar.ytd'), dataIndex: 'ytd', align: 'right', render: wan },
    { title: t('ent.radar.gap'), dataIndex: 'gap', align: 'right', render: wan },
    {
      title: t('ent.radar.ratio'),
      dataIndex: 'ratio',
      width: 160,
      render: (v: number) => (
        <Progress
          percent={Math.min(100, Math.round(v * 1000) / 10)}
          size="small"
          status={v >= 1 ? 'success' : 'normal'}
          format={() => formatPercent(v, true)}
        />
      ),
    },
    { title: t('ent.radar.crossesIn'), dataIndex: 'crossesIn', render: (v: string | null) => v ?? '—' },
    {
      title: t('ent.radar.signals'),
      key: 'signals',
      render: (_v, r) => (
        <Space size={[4, 4]} wrap>
          {r.near && <Tag color="blue">{t('ent.radar.near')}</Tag>}
          {r.falling3 && <Tag color="orange">{t('ent.radar.falling3')}</Tag>}
          {!r.near && !r.falling3 && '—'}
        </Space>
      ),
    },
    {
      title: t('ent.radar.pool'),
      key: 'pool',
      render: (_v, r) =>
        r.pool ? (
          <span>
            {r.pool.cadreName ?? '—'} · {t('ent.radar.targetYear', { year: r.pool.targetYear })}
          </span>
        ) : (
          <Can perm="cultivation:edit" fallback="—">
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setAdding(r)}>
              {t('ent.pool.add')}
            </Button>
          </Can>
        ),
    },
  ];
  return (
    <>
      <PageTable<RadarRow>
        queryKey={CULTIVATION_KEY}
        path="/cultivation/radar"
        rowKey="enterpriseId"
        columns={columns}
        filters={filters}
        visibleFilters={3}
        emptyHint={t('ent.radar.empty')}
        toolbar={(f) => (
          <ExportButton path="/cultivation/radar/export" query={f} fileName={t('ent.radar.exportName')} />
        )}
      />
      {adding && (
        <PoolEntryModal
          entry={null}
          preset={{ enterpriseId: adding.enterpriseId, enterpriseName: adding.name, targetRegister: adding.category }}
          onClose={() => setAdding(null)}
        />
      )}
    </>
  );
}
