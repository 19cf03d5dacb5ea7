import {
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Image, List, Popconfirm, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from './api';
import { feedback, showError } from './feedback';
import { formatDateTime } from './format';
import { uploadFile } from './upload';

export type AttachmentEntity = 'project' | 'lead' | 'visit';

export interface Attachment {
  id: number;
  name: string;
  mime: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string | null;
}

export const ATTACHMENTS_KEY = 'attachments';
/** Same limit as the server (core/files MAX_FILE_BYTES). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_EXTENSIONS = ['jpg', 'jpeg', 'png', 'pdf', 'docx', 'xlsx'] as const;
const ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');

/** Whether a file may be uploaded: a known extension and at most 10 MB (the server checks the content too). */
export function checkAttachment(file: { name: string; size: number }): 'badType' | 'tooBig' | null {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) return 'badType';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'tooBig';
  return null;
}

/** 1234 → "1.2 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const downloadUrl = (id: number) => `/api/v1/attachments/${id}/download`;

function FileIcon({ a }: { a: Attachment }) {
  if (a.mime.startsWith('image/')) {
    return (
      <Image
        src={downloadUrl(a.id)}
        alt={a.name}
        width={48}
        height={48}
        style={{ objectFit: 'cover', borderRadius: 4 }}
      />
    );
  }
  const style = { fontSize: 32, width: 48, textAlign: 'center' as const };
  if (a.mime.includes('pdf')) return <FilePdfOutlined style={{ ...style, color: '#cf1322' }} />;
  if (a.mime.includes('word')) return <FileWordOutlined style={{ ...style, color: '#1677ff' }} />;
  if (a.mime.includes('sheet')) return <FileExcelOutlined style={{ ...style, color: '#389e0d' }} />;
  return <FileOutlined style={style} />;
}

/**
 * 照片与附件 of one project, lead or visit: the list, upload with progress, download, and delete for
 * those who may edit the owning record (the server decides again).
 */
export function Attachments({
  entity,
  entityId,
  canEdit,
  title,
}: {
  entity: AttachmentEntity;
  entityId: number;
  canEdit: boolean;
  title?: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = [ATTACHMENTS_KEY, entity, entityId];
  const [uploads, setUploads] = useState<{ uid: string; name: string; percent: number }[]>([]);
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<{ items: Attachment[] }>('/attachments', { entity, entityId }, { signal }),
  });
  const remove = useMutation({
    mutationFn: (a: Attachment) => api.del(`/attachments/${a.id}`),
    onSuccess: (_d, a) => {
      feedback.message.success(t('att.deleted', { name: a.name }));
      qc.invalidateQueries({ queryKey: key });
    },
    onError: (e) => showError(e),
  });

  const start = async (file: File, uid: string) => {
    setUploads((u) => [...u, { uid, name: file.name, percent: 0 }]);
    try {
      await uploadFile<{ id: number }>('/attachments', { entity, entityId }, file, (percent) =>
        setUploads((u) => u.map((x) => (x.uid === uid ? { ...x, percent } : x))),
      );
      feedback.message.success(t('att.uploaded', { name: file.name }));
      qc.invalidateQueries({ queryKey: key });
    } catch (e) {
      showError(e);
    } finally {
      setUploads((u) => u.filter((x) => x.uid !== uid));
    }
  };

  const items = q.data?.items ?? [];
  return (
    <Card
      size="small"
      title={title ?? t('att.title')}
      data-testid={`attachments-${entity}`}
      extra={
        canEdit && (
          <Upload
            accept={ACCEPT}
            multiple
            showUploadList={false}
            beforeUpload={(file) => {
              const problem = checkAttachment(file);
              if (problem) {
                feedback.message.error(t(`att.${problem}`, { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              start(file, file.uid);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="attachment-upload">
              {t('att.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {canEdit && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('att.hint')}
        </Typography.Paragraph>
      )}
      {uploads.map((u) => (
        <div key={u.uid} data-testid="attachment-progress">
          <Typography.Text className="bz-break">{t('att.uploading', { name: u.name })}</Typography.Text>
          <Progress percent={u.percent} size="small" status="active" />
        </div>
      ))}
      <Image.PreviewGroup>
        <List<Attachment>
          size="small"
          loading={q.isFetching && !q.data}
          dataSource={items}
          rowKey="id"
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={canEdit ? `${t('att.empty')}。${t('att.emptyEdit')}` : t('att.empty')}
              />
            ),
          }}
          renderItem={(a) => (
            <List.Item
              data-testid={`attachment-${a.id}`}
              actions={[
                <Button
                  key="download"
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  aria-label={t('att.download')}
                  onClick={() => download(`/attachments/${a.id}/download`, undefined, a.name).catch(showError)}
                />,
                ...(canEdit
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('att.confirmDelete', { name: a.name })}
                        description={t('att.confirmDeleteBody')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove.mutateAsync(a).catch(() => undefined)}
                      >
                        <Button
                          type="link"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('att.delete')}
                        />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <List.Item.Meta
                avatar={<FileIcon a={a} />}
                title={
                  <Typography.Link
                    className="bz-break"
                    onClick={() => download(`/attachments/${a.id}/download`, undefined, a.name).catch(showError)}
                  >
                    {a.name}
                  </Typography.Link>
                }
                description={
                  <Flex wrap gap={8}>
                    <span>{formatBytes(a.size)}</span>
                    <span>{formatDateTime(a.uploadedAt, false)}</span>
                    {a.uploadedBy && <span>{a.uploadedBy}</span>}
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      </Image.PreviewGroup>
    </Card>
  );
}
