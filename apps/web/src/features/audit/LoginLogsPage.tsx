import { ERROR_MESSAGES, type ErrorCode } from '@beizeng/contract';
import { Input, Select, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Can } from '../../shared/Can';
import { ExportButton } from '../../shared/ExportButton';
import { formatDateTime } from '../../shared/format';
import { type FilterField, PageTable } from '../../shared/PageTable';
import type { LoginLogEntry } from '../../shared/types';

/** A failure reason: the error code's message in the current language when it is one. */
export function reasonText(reason: string | null, lang: string): string {
  if (!reason) return '—';
  const m = ERROR_MESSAGES[reason.toUpperCase() as ErrorCode];
  return m ? (lang === 'en' ? m.en : m.zh) : reason;
}

export default function LoginLogsPage() {
  const { t, i18n } = useTranslation();
  const filters: FilterField[] = [
    { name: 'username', label: t('audit.fields.username'), input: <Input allowClear /> },
    {
      name: 'success',
      label: t('audit.fields.result'),
      input: (
        <Select
          allowClear
          placeholder={t('common.all')}
          options={[
            { value: 'true', label: t('audit.success') },
            { value: 'false', label: t('audit.failure') },
          ]}
        />
      ),
    },
    { name: 'range', label: t('audit.fields.dateRange'), range: ['from', 'to'] },
  ];
  const columns: TableColumnsType<LoginLogEntry> = [
    {
      title: t('audit.fields.at'),
      dataIndex: 'at',
      sorter: true,
      render: (v: string) => <span className="bz-mono">{formatDateTime(v)}</span>,
    },
    { title: t('audit.fields.username'), dataIndex: 'username' },
    {
      title: t('audit.fields.result'),
      dataIndex: 'success',
      render: (v: boolean) =>
        v ? <Tag color="green">{t('audit.success')}</Tag> : <Tag color="red">{t('audit.failure')}</Tag>,
    },
    {
      title: t('audit.fields.reason'),
      dataIndex: 'reason',
      render: (v: string | null) => (
        <Tooltip title={v && v !== reasonText(v, i18n.language) ? v : undefined}>
          {reasonText(v, i18n.language)}
        </Tooltip>
      ),
    },
    {
      title: t('audit.fields.ip'),
      dataIndex: 'ip',
      render: (v: string | null) => (v ? <span className="bz-mono">{v}</span> : '—'),
    },
    {
      title: t('audit.fields.userAgent'),
      dataIndex: 'userAgent',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <PageTable<LoginLogEntry>
      queryKey="login-logs"
      path="/audit/logins"
      rowKey="id"
      columns={columns}
      filters={filters}
      emptyHint={t('audit.loginEmpty')}
      toolbar={(f) => (
        <Can perm="audit:login:export">
          <ExportButton path="/audit/logins/export" query={f} fileName={t('audit.loginExportName')} />
        </Can>
      )}
    />
  );
}
