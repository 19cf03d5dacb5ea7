import { Button, Drawer, Form, type FormInstance, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { feedback } from './feedback';
import { useIsMobile } from './useIsMobile';

/**
 * A drawer holding a create/edit form: full width on a phone, 保存/取消 in the footer, and a warning
 * before unsaved changes are thrown away.
 */
export function FormDrawer<V = any>({
  open,
  title,
  form,
  onClose,
  onSubmit,
  saving,
  children,
  width = 560,
  extra,
  initialValues,
  readOnly,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  onClose: () => void;
  onSubmit: (values: V) => void;
  saving?: boolean;
  children: ReactNode;
  width?: number;
  extra?: ReactNode;
  initialValues?: Partial<V>;
  /** View only: fields disabled, no save button. */
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const close = () => {
    if (!readOnly && form.isFieldsTouched() && !saving) {
      feedback.modal.confirm({
        title: t('form.discardTitle'),
        content: t('form.discardBody'),
        okText: t('form.discard'),
        okButtonProps: { danger: true },
        cancelText: t('form.keepEditing'),
        onOk: onClose,
      });
    } else onClose();
  };
  return (
    <Drawer
      open={open}
      title={title}
      size={isMobile ? '100%' : width}
      onClose={close}
      destroyOnHidden
      forceRender={false}
      extra={extra}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={close}>{readOnly ? t('common.close') : t('common.cancel')}</Button>
          {!readOnly && (
            <Button type="primary" loading={saving} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      <Form<V>
        form={form}
        // a name of its own, so field ids never clash with a list page's filter form
        name="drawer"
        layout="vertical"
        onFinish={onSubmit}
        initialValues={initialValues as any}
        scrollToFirstError
        requiredMark={!readOnly}
        disabled={readOnly}
      >
        {children}
      </Form>
    </Drawer>
  );
}
