import { Col, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Json = unknown;

const isPlainObject = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

export interface DiffRow {
  key: string;
  before: Json;
  after: Json;
  change: 'same' | 'changed' | 'added' | 'removed';
}

/** Field-by-field comparison of two records (top level); nested values compare as JSON. */
export function diffRows(before: Json, after: Json): DiffRow[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((key) => {
    const inB = key in b;
    const inA = key in a;
    const change: DiffRow['change'] = !inB
      ? 'added'
      : !inA
        ? 'removed'
        : JSON.stringify(b[key]) === JSON.stringify(a[key])
          ? 'same'
          : 'changed';
    return { key, before: b[key], after: a[key], change };
  });
}

const show = (v: Json) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

const BG: Record<DiffRow['change'], string | undefined> = {
  same: undefined,
  changed: '#fffbe6',
  added: '#f6ffed',
  removed: '#fff1f0',
};

/** Before and after of an audited write, side by side, with changed fields highlighted. */
export function JsonDiff({ before, after }: { before: Json; after: Json }) {
  const { t } = useTranslation();
  if (before == null && after == null) return <Typography.Text type="secondary">{t('audit.noData')}</Typography.Text>;
  const objects = (before == null || isPlainObject(before)) && (after == null || isPlainObject(after));
  if (!objects) {
    return (
      <Row gutter={12}>
        {[
          [t('audit.before'), before],
          [t('audit.after'), after],
        ].map(([label, v]) => (
          <Col xs={24} md={12} key={String(label)}>
            <Typography.Text strong>{String(label)}</Typography.Text>
            <pre className="bz-mono bz-break" style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}>
              {v == null ? '—' : JSON.stringify(v, null, 2)}
            </pre>
          </Col>
        ))}
      </Row>
    );
  }
  const rows = diffRows(before, after);
  const changed = rows.filter((r) => r.change !== 'same').length;
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('audit.changedCount', { n: changed, total: rows.length })}
      </Typography.Text>
      <Table<DiffRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ style: { background: BG[r.change] } })}
        columns={[
          { title: t('audit.field'), dataIndex: 'key', render: (v: string) => <span className="bz-mono">{v}</span> },
          {
            title: t('audit.before'),
            dataIndex: 'before',
            render: (v: Json, r) => (
              <span
                className="bz-mono bz-break"
                style={{ textDecoration: r.change === 'removed' ? 'line-through' : undefined }}
              >
                {show(v)}
              </span>
            ),
          },
          {
            title: t('audit.after'),
            dataIndex: 'after',
            render: (v: Json, r) => (
              <span className="bz-mono bz-break" style={{ fontWeight: r.change === 'same' ? undefined : 600 }}>
                {show(v)}
              </span>
            ),
          },
        ]}
      />
    </div>
  );
}
