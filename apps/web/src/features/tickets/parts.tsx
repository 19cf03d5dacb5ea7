import { ClockCircleOutlined, FlagFilled } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../shared/format';
import { CARD_COLORS, type Card, STATE_COLORS, stateLabel, type TicketState } from './api';

export function StateTag({ state }: { state: string }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state as TicketState] ?? 'default'} data-testid="ticket-state">
      {stateLabel(state, i18n.language)}
    </Tag>
  );
}

/** The clock light (红 超期 / 黄 临期 / 绿 正常, or met/late once done) with the next deadline. */
export function CardBadge({ card, deadline }: { card: Card | null; deadline?: string | null }) {
  const { t } = useTranslation();
  if (!card) return <>—</>;
  return (
    <Space size={4} wrap={false}>
      <Tag color={CARD_COLORS[card]} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
        {t(`svc.card.${card}`)}
      </Tag>
      {deadline && <span className="bz-mono">{formatDate(deadline)}</span>}
    </Space>
  );
}

export function SupervisedIcon() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('svc.supervisedYes')}>
      <FlagFilled style={{ color: '#cf1322' }} aria-label={t('svc.supervisedYes')} />
    </Tooltip>
  );
}

export function RatingTag({ rating }: { rating: string | null }) {
  const { t } = useTranslation();
  if (!rating) return <>—</>;
  const color = rating === 'satisfied' ? 'green' : rating === 'basic' ? 'blue' : 'red';
  return <Tag color={color}>{t(`svc.rating.${rating as 'satisfied'}`)}</Tag>;
}
