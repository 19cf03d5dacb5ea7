import { ALL_PERMISSIONS, PERMISSION_TREE, type PermissionNode } from '@beizeng/contract';
import { Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const LEAVES = new Set(ALL_PERMISSIONS);

export function toTreeData(nodes: PermissionNode[], en: boolean): DataNode[] {
  return nodes.map((n) => ({
    key: n.code,
    title: (
      <span>
        {en ? n.en : n.zh}{' '}
        {!n.children && (
          <Typography.Text type="secondary" className="bz-mono" style={{ fontSize: 12 }}>
            {n.code}
          </Typography.Text>
        )}
      </span>
    ),
    children: n.children ? toTreeData(n.children, en) : undefined,
  }));
}

/** Keeps only grantable codes (the leaves); parent keys that the tree reports as checked are dropped. */
export function leafCodes(keys: readonly React.Key[]): string[] {
  return keys.map(String).filter((k) => LEAVES.has(k));
}

/**
 * The permission tree with checkboxes. The value holds leaf codes only; codes the tree does not know
 * (granted by a newer release) are kept as they are.
 */
export function PermissionTree({
  value = [],
  onChange,
  disabled,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const treeData = useMemo(() => toTreeData(PERMISSION_TREE, en), [en]);
  const known = value.filter((v) => LEAVES.has(v));
  const unknown = value.filter((v) => !LEAVES.has(v));
  return (
    <div>
      <Typography.Text type="secondary">
        {t('roles.permCount', { n: known.length, total: LEAVES.size })}
      </Typography.Text>
      <Tree
        checkable
        selectable={false}
        disabled={disabled}
        defaultExpandAll
        treeData={treeData}
        checkedKeys={known}
        onCheck={(checked) => {
          const keys = Array.isArray(checked) ? checked : checked.checked;
          onChange?.([...leafCodes(keys), ...unknown]);
        }}
        style={{ marginTop: 8, background: 'transparent' }}
      />
    </div>
  );
}
