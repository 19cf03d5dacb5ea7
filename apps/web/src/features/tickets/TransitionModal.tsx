import { transitionBody } from '@beizeng/contract';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import { feedback, showError } from '../../shared/feedback';
import { useIsMobile } from '../../shared/useIsMobile';
import { zodRule } from '../../shared/zodRule';
import { useDepartments } from '../departments/api';
import { type ActionCode, RATINGS, type TicketDetail, type TransitionBody } from './api';

interface Values {
  note?: string;
  departmentId?: number;
  assistDepartmentIds?: number[];
  extensionDays?: number;
  rating?: (typeof RATINGS)[number];
  solved?: boolean;
  deadline?: Dayjs;
  handedOnTo?: string;
  answer?: string;
  internal?: boolean;
}

/** Actions whose note is the required reason / content (the server asks for it too). */
const NOTE_REQUIRED: ActionCode[] = ['request_extension', 'request_return', 'supervise', 'note'];
/** Actions that take a free note at all. */
const NOTE_LABEL: Partial<Record<ActionCode, 'reason' | 'superviseContent' | 'note'>> = {
  request_extension: 'reason',
  request_return: 'reason',
  reject_extension: 'reason',
  reject_return: 'reason',
  reject_close: 'reason',
  reopen: 'reason',
  supervise: 'superviseContent',
};

/**
 * The small form of one workflow step, POSTed to /tickets/:id/transitions with the ticket's version.
 * A 409 (someone else moved the ticket first, or the step is no longer open) is explained and the ticket reloaded.
 */
export function TransitionModal({
  ticket,
  action,
  onClose,
  onDone,
  reload,
}: {
  ticket: TicketDetail;
  action: ActionCode;
  onClose: () => void;
  onDone: (t: TicketDetail) => void;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const departments = useDepartments(action === 'assign' || action === 'escalate');
  const active = (departments.data ?? []).filter((d) => d.status === 'active');
  const escalateAbove = action === 'escalate' && ticket.level === 'district';
  const deptOptions = active
    .filter((d) => action !== 'escalate' || d.kind === 'district_dept')
    .map((d) => ({ value: d.id, label: d.name }));
  const required = { required: true, whitespace: true, message: t('svc.detail.required') };
  /** For selects and numbers (whitespace applies to text only). */
  const picked = { required: true, message: t('svc.detail.required') };
  const label = t(`svc.action.${action}`);

  const submit = async (v: Values) => {
    setSaving(true);
    const body: TransitionBody = { action, version: ticket.version };
    if (v.note?.trim()) body.note = v.note.trim();
    if (action === 'assign' || (action === 'escalate' && !escalateAbove)) {
      body.departmentId = v.departmentId;
      if (v.assistDepartmentIds?.length) body.assistDepartmentIds = v.assistDepartmentIds;
    }
    if (escalateAbove) body.handedOnTo = v.handedOnTo?.trim();
    if (action === 'request_extension') body.extensionDays = v.extensionDays;
    if (action === 'rate') {
      body.rating = v.rating;
      body.solved = !!v.solved;
    }
    if (action === 'supervise') body.deadline = v.deadline?.format('YYYY-MM-DD');
    if (action === 'answer') body.answer = v.answer?.trim();
    if (action === 'note') body.internal = !!v.internal;
    try {
      const next = await api.post<TicketDetail>(`/tickets/${ticket.id}/transitions`, body);
      feedback.message.success(t('svc.detail.done', { action: label }));
      onDone(next);
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        // stale version or a step no longer open: say so and show the ticket as it is now
        feedback.modal.warning({
          title: t('stale.title'),
          content: e.code === 'STALE_VERSION' ? t('stale.body') : e.message,
          okText: t('stale.reload'),
        });
        onClose();
        reload();
      } else showError(e, form);
    } finally {
      setSaving(false);
    }
  };

  const noteKind = NOTE_LABEL[action] ?? 'note';
  const tomorrow = dayjs().add(1, 'day').startOf('day');
  const yearAhead = dayjs().add(1, 'year').endOf('day');

  return (
    <Modal
      open
      title={`${label} · ${ticket.code}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={label}
      confirmLoading={saving}
      destroyOnHidden
      width={isMobile ? '100%' : 520}
      style={isMobile ? { top: 12, maxWidth: 'calc(100vw - 16px)' } : undefined}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ solved: true, internal: false, extensionDays: 5 }}
        data-testid="transition-form"
      >
        {action === 'assign' && (
          <>
            <Form.Item name="departmentId" label={t('svc.fields.leadDepartment')} rules={[picked]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={departments.isLoading}
                options={deptOptions}
                data-testid="lead-department"
              />
            </Form.Item>
            <Form.Item name="assistDepartmentIds" label={t('svc.fields.assistDepartments')}>
              <Select mode="multiple" maxCount={10} showSearch={{ optionFilterProp: 'label' }} options={deptOptions} />
            </Form.Item>
          </>
        )}
        {action === 'escalate' &&
          (escalateAbove ? (
            <Form.Item
              name="handedOnTo"
              label={t('svc.fields.handedOnTo')}
              extra={t('svc.detail.escalateAbove')}
              rules={[required, { max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          ) : (
            <Form.Item name="departmentId" label={t('svc.detail.escalateDept')} rules={[picked]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={departments.isLoading}
                options={deptOptions}
              />
            </Form.Item>
          ))}
        {action === 'request_extension' && (
          <Form.Item
            name="extensionDays"
            label={t('svc.fields.days')}
            rules={[picked, zodRule(transitionBody.shape.extensionDays.unwrap())]}
          >
            <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        {action === 'approve_extension' && ticket.requestedExtensionDays && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('svc.detail.extensionRequested', { days: ticket.requestedExtensionDays })}
          />
        )}
        {action === 'answer' && (
          <Form.Item name="answer" label={t('svc.fields.answer')} rules={[required, { max: 5000 }]}>
            <Input.TextArea rows={6} maxLength={5000} showCount />
          </Form.Item>
        )}
        {action === 'rate' && (
          <>
            <Form.Item name="rating" label={t('svc.fields.rating')} rules={[picked]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={RATINGS.map((r) => ({ value: r, label: t(`svc.rating.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="solved" valuePropName="checked">
              <Checkbox>{t('svc.fields.solved')}</Checkbox>
            </Form.Item>
          </>
        )}
        {action === 'supervise' && (
          <Form.Item
            name="deadline"
            label={t('svc.fields.superviseDeadline')}
            extra={t('svc.detail.superviseRange')}
            rules={[picked]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(tomorrow) || d.isAfter(yearAhead)}
              inputReadOnly={isMobile}
            />
          </Form.Item>
        )}
        {action !== 'answer' && (
          <Form.Item
            name="note"
            label={t(`svc.fields.${noteKind}`)}
            rules={[...(NOTE_REQUIRED.includes(action) ? [required] : []), { max: 2000 }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'note' && (
          <Form.Item name="internal" valuePropName="checked">
            <Checkbox>{t('svc.fields.internal')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
