import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Modal, Progress, Result, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download } from '../../shared/api';
import { localizeMessage, showError } from '../../shared/feedback';
import { ENTERPRISES_KEY, type ImportReport, uploadXlsx } from './api';

type Step = 'pick' | 'checking' | 'checked' | 'importing' | 'done';

/**
 * 导入: download the template, upload an .xlsx for a dry run (progress bar), read the report, and only
 * when every row is clean import the same file for real.
 */
export function ImportModal({
  kind,
  onClose,
}: {
  /** enterprises → /enterprises/import; indicators → /enterprises/indicators/import */
  kind: 'enterprises' | 'indicators';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const base = kind === 'enterprises' ? '/enterprises' : '/enterprises/indicators';
  const [file, setFile] = useState<File | null>(null);
  const [step, setStep] = useState<Step>('pick');
  const [percent, setPercent] = useState(0);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [templateBusy, setTemplateBusy] = useState(false);

  const title = kind === 'enterprises' ? t('ent.import.title') : t('ent.import.indicatorsTitle');

  const getTemplate = async () => {
    setTemplateBusy(true);
    try {
      await download(
        `${base}/import-template`,
        undefined,
        kind === 'enterprises' ? t('ent.import.templateName') : t('ent.import.indicatorTemplateName'),
      );
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
      const r = await uploadXlsx(`${base}/import`, f, dryRun, setPercent);
      setReport(r);
      if (!dryRun && r.errors.length === 0) {
        setStep('done');
        qc.invalidateQueries({ queryKey: [ENTERPRISES_KEY] });
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
                  {t('ent.import.confirm')}
                </Button>
              )}
            </>
          )}
        </Space>
      }
    >
      {step === 'done' && report ? (
        <Result
          status="success"
          title={t('ent.import.doneTitle')}
          subTitle={t('ent.import.summary', { total: report.total, created: report.created, updated: report.updated })}
        />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {kind === 'enterprises' ? t('ent.import.hint') : t('ent.import.indicatorsHint')}
          </Typography.Paragraph>
          <div>
            <Button icon={<DownloadOutlined />} loading={templateBusy} onClick={getTemplate}>
              {t('ent.import.template')}
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
            <p className="ant-upload-text">{file ? file.name : t('ent.import.drop')}</p>
            <p className="ant-upload-hint">{t('ent.import.dropHint')}</p>
          </Upload.Dragger>
          {busy && (
            <div data-testid="upload-progress">
              <Typography.Text>
                {step === 'checking' ? t('ent.import.checking') : t('ent.import.importing')}
              </Typography.Text>
              <Progress percent={percent} status="active" />
            </div>
          )}
          {report && !busy && (
            <>
              <Typography.Text data-testid="import-report">
                {t(report.dryRun ? 'ent.import.dryRunSummary' : 'ent.import.summary', {
                  total: report.total,
                  created: report.created,
                  updated: report.updated,
                })}
              </Typography.Text>
              {errors.length > 0 ? (
                <>
                  <Alert
                    type="error"
                    showIcon
                    title={t('ent.import.hasErrors', { n: errors.length })}
                    description={t('ent.import.nothingWritten')}
                  />
                  <Table
                    size="small"
                    rowKey={(r) => `${r.row}:${r.column}:${r.message}`}
                    dataSource={errors}
                    pagination={errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { title: t('ent.import.row'), dataIndex: 'row', width: 80 },
                      { title: t('ent.import.column'), dataIndex: 'column', width: 160 },
                      {
                        title: t('ent.import.message'),
                        dataIndex: 'message',
                        render: (m: string) => localizeMessage(m),
                      },
                    ]}
                  />
                </>
              ) : (
                <Alert type="success" showIcon title={t('ent.import.clean')} />
              )}
            </>
          )}
        </Flex>
      )}
    </Modal>
  );
}
