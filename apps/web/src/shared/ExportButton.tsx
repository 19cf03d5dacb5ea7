import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, type Query } from './api';
import { feedback, showError } from './feedback';

/** 导出: downloads the list's Excel export with the filters on screen. The button shows progress. */
export function ExportButton({ path, query, fileName }: { path: string; query?: Query; fileName: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const key = `export:${path}`;
    feedback.message.open({ key, type: 'loading', content: t('export.running'), duration: 0 });
    try {
      const name = await download(path, query, fileName);
      feedback.message.open({ key, type: 'success', content: t('export.done', { name }) });
    } catch (e) {
      feedback.message.destroy(key);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run}>
      {t('common.export')}
    </Button>
  );
}
