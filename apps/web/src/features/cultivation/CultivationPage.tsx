import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PoolTab } from './PoolTab';
import { RadarTab } from './RadarTab';
import { ThresholdsTab } from './ThresholdsTab';

const TABS = ['radar', 'pool', 'thresholds'] as const;

/** 升规纳统: the radar, the cultivation pool and the register thresholds; the tab lives in the URL. */
export default function CultivationPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as string) : 'radar';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setSp(k === 'radar' ? {} : { tab: k })}
      destroyOnHidden
      items={[
        { key: 'radar', label: t('ent.radar.tab'), children: <RadarTab /> },
        { key: 'pool', label: t('ent.pool.tab'), children: <PoolTab /> },
        { key: 'thresholds', label: t('ent.thresholds.tab'), children: <ThresholdsTab /> },
      ]}
    />
  );
}
