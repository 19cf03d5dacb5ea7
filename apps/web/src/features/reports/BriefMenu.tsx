import {
  DownOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  FileWordOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { download } from '../../shared/api';
import { feedback, showError } from '../../shared/feedback';
import { type BriefKind, briefPrintUrl } from './api';

/** 简报: the weekly 调度 brief and the monthly 经济运行 brief as .docx, .xlsx or the printable page. */
export function BriefMenu({ period, region }: { period?: string; region?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const fetchFile = async (kind: BriefKind, ext: 'docx' | 'xlsx') => {
    setBusy(true);
    const key = 'export:brief';
    feedback.message.open({ key, type: 'loading', content: t('export.running'), duration: 0 });
    try {
      const name = await download(`/reports/${kind}.${ext}`, { period, region }, `${t(`rpt.kind.${kind}`)}.${ext}`);
      feedback.message.open({ key, type: 'success', content: t('export.done', { name }) });
    } catch (e) {
      feedback.message.destroy(key);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const group = (kind: BriefKind) => ({
    key: kind,
    type: 'group' as const,
    label: t(`rpt.kind.${kind}`),
    children: [
      {
        key: `${kind}-print`,
        icon: <PrinterOutlined />,
        label: t('rpt.menu.print'),
        'data-testid': `brief-${kind}-print`,
        onClick: () => navigate(briefPrintUrl({ kind, period, region })),
      },
      {
        key: `${kind}-docx`,
        icon: <FileWordOutlined />,
        label: t('rpt.menu.docx'),
        'data-testid': `brief-${kind}-docx`,
        onClick: () => fetchFile(kind, 'docx'),
      },
      {
        key: `${kind}-xlsx`,
        icon: <FileExcelOutlined />,
        label: t('rpt.menu.xlsx'),
        'data-testid': `brief-${kind}-xlsx`,
        onClick: () => fetchFile(kind, 'xlsx'),
      },
    ],
  });
  return (
    <Dropdown trigger={['click']} menu={{ items: [group('weekly'), { type: 'divider' }, group('monthly')] }}>
      <Button icon={<FileTextOutlined />} loading={busy} data-testid="brief-menu">
        {t('rpt.menu.button')} <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
