import { ImportOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, Select, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Can } from '../../shared/Can';
import { DictTag, useDictOptions } from '../../shared/dicts';
import { ExportButton } from '../../shared/ExportButton';
import { formatWan } from '../../shared/format';
import { ImportModal } from '../../shared/ImportModal';
import { type FilterField, PageTable } from '../../shared/PageTable';
import { useRegionFilterOptions } from '../../shared/regions';
import { useCan, useCurrentUser } from '../../shared/session';
import { ENTERPRISES_KEY, type EnterpriseSummary, useCadreOptions, useIndustries } from './api';
import { EnterpriseDrawer } from './EnterpriseDrawer';
import { DemoTag, DictTags, RegisterStatusTag, useRegisterStatusOptions } from './shared';

export default function EnterprisesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState<'enterprises' | 'indicators' | null>(null);
  const sections = useIndustries();
  const cadreOptions = useCadreOptions(can('system:user:list'));
  const chainOptions = useDictOptions('industry_chain');
  const statOptions = useDictOptions('stat_category');
  const tagOptions = useDictOptions('enterprise_tag');
  const honourOptions = useDictOptions('honour_level');
  const statusOptions = useRegisterStatusOptions();
  const regionOptions = useRegionFilterOptions(me.regionCode);

  const sel = (options: { value: string; label: string }[]) => (
    <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} placeholder={t('common.all')} />
  );

  const filters: FilterField[] = [
    {
      name: 'q',
      label: t('ent.filters.q'),
      input: <Input allowClear placeholder={t('ent.filters.qHint')} data-testid="ent-search" />,
    },
    {
      name: 'regionCode',
      label: t('ent.fields.region'),
      input: sel(regionOptions),
    },
    {
      name: 'industrySection',
      label: t('ent.fields.industrySection'),
      input: sel((sections.data ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }))),
    },
    { name: 'chain', label: t('ent.fields.chain'), input: sel(chainOptions) },
    { name: 'statCategory', label: t('ent.fields.statCategory'), input: sel(statOptions) },
    { name: 'registerStatus', label: t('ent.fields.registerStatus'), input: sel(statusOptions) },
    { name: 'tag', label: t('ent.fields.tags'), input: sel(tagOptions) },
    { name: 'honour', label: t('ent.fields.honours'), input: sel(honourOptions) },
    ...(can('system:user:list') ? [{ name: 'cadreId', label: t('ent.fields.cadre'), input: sel(cadreOptions) }] : []),
    { name: 'pool', label: t('ent.filters.pool'), input: sel([{ value: '521', label: t('ent.filters.pool521') }]) },
  ];

  const columns: TableColumnsType<EnterpriseSummary> = [
    {
      title: t('ent.fields.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      render: (v: string, e) => (
        <Space size={4}>
          <Link to={`/enterprises/${e.id}`}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              {v}
            </Typography.Text>
          </Link>
          {e.isDemo && <DemoTag />}
        </Space>
      ),
    },
    {
      title: t('ent.fields.uscc'),
      dataIndex: 'uscc',
      render: (v: string | null) => <span className="bz-mono">{v ?? '—'}</span>,
    },
    { title: t('ent.fields.region'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
    {
      title: t('ent.fields.industry'),
      key: 'industry',
      render: (_v, e) => (e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : '—'),
    },
    {
      title: t('ent.fields.chain'),
      dataIndex: 'chain',
      render: (v: string | null) => <DictTag type="industry_chain" value={v} />,
    },
    {
      title: t('ent.fields.statCategory'),
      dataIndex: 'statCategory',
      render: (v: string | null) => <DictTag type="stat_category" value={v} />,
    },
    {
      title: t('ent.fields.registerStatus'),
      dataIndex: 'registerStatus',
      render: (v: EnterpriseSummary['registerStatus']) => <RegisterStatusTag status={v} />,
    },
    {
      title: t('ent.fields.honours'),
      dataIndex: 'honours',
      render: (v: string[]) => <DictTags type="honour_level" values={v} />,
    },
    { title: t('ent.fields.cadre'), dataIndex: 'cadreName', render: (v: string | null) => v ?? '—' },
    {
      title: t('ent.fields.revenue12'),
      dataIndex: 'revenue12',
      key: 'revenue12',
      sorter: true,
      align: 'right',
      render: (v: string | null) => <span className="bz-mono">{formatWan(v)}</span>,
    },
  ];

  return (
    <>
      <PageTable<EnterpriseSummary>
        queryKey={ENTERPRISES_KEY}
        path="/enterprises"
        rowKey="id"
        columns={columns}
        filters={filters}
        visibleFilters={3}
        emptyHint={can('enterprise:edit') ? t('ent.emptyHint') : t('ent.emptyHintReadOnly')}
        emptyAction={
          <Can perm="enterprise:edit">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('common.create')}
            </Button>
          </Can>
        }
        toolbar={(f) => (
          <>
            <Can perm="enterprise:edit">
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('common.create')}
              </Button>
            </Can>
            <Can perm="enterprise:import">
              <Button icon={<UploadOutlined />} onClick={() => setImporting('enterprises')}>
                {t('ent.import.button')}
              </Button>
            </Can>
            <ExportButton path="/enterprises/export" query={f} fileName={t('ent.exportName')} />
            <Can perm="enterprise:import">
              <Button icon={<ImportOutlined />} onClick={() => setImporting('indicators')}>
                {t('ent.import.indicatorsButton')}
              </Button>
            </Can>
          </>
        )}
      />
      {creating && (
        <EnterpriseDrawer
          enterprise={null}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            qc.invalidateQueries({ queryKey: [ENTERPRISES_KEY] });
          }}
        />
      )}
      {importing && (
        <ImportModal
          base={importing === 'enterprises' ? '/enterprises' : '/enterprises/indicators'}
          title={importing === 'enterprises' ? t('ent.import.title') : t('ent.import.indicatorsTitle')}
          hint={importing === 'enterprises' ? t('ent.import.hint') : t('ent.import.indicatorsHint')}
          templateName={
            importing === 'enterprises' ? t('ent.import.templateName') : t('ent.import.indicatorTemplateName')
          }
          dryRunSummary={(r) =>
            t('ent.import.dryRunSummary', { total: r.total, created: r.created, updated: r.updated })
          }
          invalidate={[ENTERPRISES_KEY]}
          onClose={() => setImporting(null)}
        />
      )}
    </>
  );
}
