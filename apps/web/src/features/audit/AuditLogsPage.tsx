import { AutoComplete, Input, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Can } from '../../shared/Can';
import { ExportButton } from '../../shared/ExportButton';
import { formatDateTime } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import type { AuditEntry } from '../../shared/types';
import { JsonDiff } from './JsonDiff';
import { auditLabel, auditOptions } from './labels';

const mono = (v: string | null) => (v ? <span className="bz-mono">{v}</span> : '—');

/** A code in words, with the code itself on hover. */
const labelled = (kind: 'modules' | 'actions' | 'entities') => (v: string | null) =>
  v ? (
    <Tooltip title={<span className="bz-mono">{v}</span>}>
      <span>{auditLabel(kind, v)}</span>
    </Tooltip>
  ) : (
    '—'
  );

/** Free text with suggestions of the known codes (new modules' codes can still be typed). */
function CodeInput({ kind, ...rest }: { kind: 'modules' | 'actions' | 'entities'; placeholder?: string }) {
  return (
    <AutoComplete
      allowClear
      options={auditOptions(kind)}
      showSearch={{
        filterOption: (input, o) =>
          String(o?.label ?? '')
            .toLowerCase()
            .includes(input.toLowerCase()),
      }}
      {...rest}
    />
  );
}

export default function AuditLogsPage() {
  const { t } = useTranslation();
  const filters: FilterField[] = [
    { name: 'username', label: t('audit.fields.username'), input: <Input allowClear /> },
    { name: 'range', label: t('audit.fields.dateRange'), range: ['from', 'to'] },
    {
      name: 'module',
      label: t('audit.fields.module'),
      input: <CodeInput kind="modules" placeholder={t('audit.moduleHint')} />,
    },
    {
      name: 'action',
      label: t('audit.fields.action'),
      input: <CodeInput kind="actions" placeholder={t('audit.actionHint')} />,
    },
    { name: 'entity', label: t('audit.fields.entity'), input: <CodeInput kind="entities" /> },
    { name: 'entityId', label: t('audit.fields.entityId'), input: <Input allowClear /> },
  ];
  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.fields.at'),
      dataIndex: 'at',
      sorter: true,
      render: (v: string) => <span className="bz-mono">{formatDateTime(v)}</span>,
    },
    { title: t('audit.fields.username'), dataIndex: 'username', render: (v: string | null) => v ?? t('audit.system') },
    { title: t('audit.fields.ip'), dataIndex: 'ip', render: mono },
    { title: t('audit.fields.module'), dataIndex: 'module', render: labelled('modules') },
    { title: t('audit.fields.action'), dataIndex: 'action', render: labelled('actions') },
    { title: t('audit.fields.entity'), dataIndex: 'entity', render: labelled('entities') },
    { title: t('audit.fields.entityId'), dataIndex: 'entityId', render: mono },
  ];
  return (
    <PageTable<AuditEntry>
      queryKey="audit-logs"
      path="/audit/logs"
      rowKey="id"
      columns={columns}
      filters={filters}
      visibleFilters={2}
      emptyHint={t('audit.empty')}
      toolbar={(f) => (
        <>
          <Can perm="audit:export">
            <ExportButton path="/audit/logs/export" query={f} fileName={t('audit.exportName')} />
          </Can>
          <Typography.Text type="secondary">{t('audit.expandHint')}</Typography.Text>
        </>
      )}
      expandable={{
        expandedRowRender: (r) => (
          <div style={{ maxWidth: 'calc(100vw - 64px)' }}>
            <JsonDiff before={r.before} after={r.after} />
            {r.requestId && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('audit.requestId', { id: r.requestId })}
              </Typography.Text>
            )}
          </div>
        ),
        rowExpandable: (r) => r.before != null || r.after != null,
      }}
    />
  );
}
