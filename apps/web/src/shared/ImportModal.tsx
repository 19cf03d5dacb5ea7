import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { importReport } from '@beizeng/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Progress, Result, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { download } from './api';
import { localizeMessage, showError } from './feedback';
import { uploadFile } from './upload';

export type ImportReport = z.infer<typeof importReport>;

type Step = 'pick' | 'checking' | 'checked' | 'importing' | 'done';

const counts = (r: ImportReport) => ({ total: r.total, created: r.created, updated: r.updated });

/**
 * 导入: download the template, upload an .xlsx for a dry run (progress bar), read the report, and only
 * when every row is clean import the same file for real. `base` is the list's path: the template is
 * `${base}/import-template`, the upload `${base}/import?dryRun=`.
 */
export function ImportModal({
  base,
  title,
  hint,
  templateName,
  dryRunSummary,
  invalidate,
  onClose,
}: {
  base: string;
  title: string;
  hint: string;
  templateName: string;
  /** The dry run's one-line result; defaults to a neutral 条 count. */
  dryRunSummary?: (r: ImportReport) => string;
  /** react-query key to refetch after a real import. */
  invalidate: readonly unknown[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>('pick');
  const [percent, setPercent] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [templateBusy, setTemplateBusy] = useState(false);

  const getTemplate = async () => {
    setTemplateBusy(true);
    try {
      await download(`${base}/import-template`, undefined, templateName);
    } catch (e) {
      showError(e);
    } finally {
      setTemplateBusy(false);
    }
  };

  const run = async (f: File, dryRun: boolean) => {
    setStep(dryRun ? 'checking' : 'importing');
    setPercent(0);
    try {
      const r = await uploadFile<ImportReport>(`${base}/import`, { dryRun }, f, setPercent);
      setReport(r);
      if (!dryRun && r.errors.length === 0) {
        setStep('done');
        qc.invalidateQueries({ queryKey: [...invalidate] });
      } else setStep('checked');
    } catch (e) {
      showError(e);
      setStep(dryRun ? 'pick' : 'checked');
    }
  };

  const pick = (f: File) => {
    setFile(f);
    setReport(null);
    run(f, true);
    return false;
  };

  const busy = step === 'checking' || step === 'importing';
  const errors = report?.errors ?? [];

  return (
    <Modal
      open
      title={title}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      mask={{ closable: !busy }}
      width={760}
      footer={
        <Space wrap style={{ justifyContent: 'flex-end', display: 'flex' }}>
          {step === 'done' ? (
            <Button type="primary" onClick={onClose}>
              {t('common.close')}
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={busy}>
                {t('common.cancel')}
              </Button>
              {report && errors.length === 0 && file && (
                <Button
                  type="primary"
                  loading={step === 'importing'}
                  data-testid="confirm-import"
                  onClick={() => run(file, false)}
                >
                  {t('imp.confirm')}
                </Button>
              )}
            </>
          )}
        </Space>
      }
    >
      {step === 'done' && report ? (
        <Result status="success" title={t('imp.doneTitle')} subTitle={t('imp.summary', counts(report))} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {hint}
          </Typography.Paragraph>
          <div>
            <Button icon={<DownloadOutlined />} loading={templateBusy} onClick={getTemplate}>
              {t('imp.template')}
            </Button>
          </div>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            beforeUpload={pick}
            disabled={busy}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? file.name : t('imp.drop')}</p>
            <p className="ant-upload-hint">{t('imp.dropHint')}</p>
          </Upload.Dragger>
          {busy && (
            <div data-testid="upload-progress">
              <Typography.Text>{step === 'checking' ? t('imp.checking') : t('imp.importing')}</Typography.Text>
              <Progress percent={percent} status="active" />
            </div>
          )}
          {report && !busy && (
            <>
              <Typography.Text data-testid="import-report">
                {report.dryRun
                  ? (dryRunSummary?.(report) ?? t('imp.dryRunSummary', counts(report)))
                  : t('imp.summary', counts(report))}
              </Typography.Text>
              {errors.length > 0 ? (
                <>
                  <Alert
                    type="error"
                    showIcon
                    title={t('imp.hasErrors', { n: errors.length })}
                    description={t('imp.nothingWritten')}
                  />
                  <Table
                    size="small"
                    rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
                    dataSource={errors}
                    pagination={errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { title: t('imp.row'), dataIndex: 'row', width: 80 },
                      { title: t('imp.column'), dataIndex: 'column', width: 160 },
                      {
                        title: t('imp.message'),
                        dataIndex: 'message',
                        render: (m: string) => localizeMessage(m),
                      },
                    ]}
                  />
                </>
              ) : (
                <Alert type="success" showIcon title={t('imp.clean')} />
              )}
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
