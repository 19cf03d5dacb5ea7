/**
 * The article's study tour (7月22日—23日, 济阳区、商河县、鄄城县、鲁西新区、曹县), the peers' figures it gives
 * (with the article as source), what was seen, the lessons, and its four measures turned into tasks.
 */
import type { Db } from '../core/db';
import { benchmarkRegions, benchmarkValues } from '../modules/benchmarks/benchmarks.tables';
import { studyTours, tourMeasures, tourTasks } from '../modules/study-tours/study-tours.tables';

const SRC = '白涛《对标先进补短板 全力攻坚谋突破》（山亭快报，2023）';
const AS_OF = '2023-07-23';

export async function seedDemoTour(
  db: Db,
  ids: {
    user: Map<string, { id: number; name: string }>;
    project: (name: string) => Promise<number | null>;
    enterprise: Map<string, number>;
  },
  year: number,
) {
  const regions = await db
    .insert(benchmarkRegions)
    .values([
      { name: '济阳区', parentName: '济南市', note: '省特色优势食品产业集群' },
      { name: '商河县', parentName: '济南市', note: '智慧水务调度中心、互联网医院' },
      { name: '鄄城县', parentName: '菏泽市', note: '文中未给出数字' },
      { name: '鲁西新区', parentName: '菏泽市', note: '现代医药港' },
      { name: '曹县（孙庄村）', parentName: '菏泽市', note: '连续 8 年“中国淘宝村”' },
    ])
    .returning({ id: benchmarkRegions.id, name: benchmarkRegions.name });
  const id = (n: string) => regions.find((r) => r.name === n)!.id;
  await db.insert(benchmarkValues).values([
    {
      regionId: id('济阳区'),
      indicator: 'foreign_funded',
      value: '80',
      note: '台资企业 80 余家，投资 25 亿美元',
      source: SRC,
      asOf: AS_OF,
    },
    {
      regionId: id('济阳区'),
      indicator: 'equipment_makers',
      value: '400',
      note: '装备制造业企业 400 余家（含比亚迪配套 12 家）',
      source: SRC,
      asOf: AS_OF,
    },
    {
      regionId: id('济阳区'),
      indicator: 'food_enterprises',
      value: '160',
      note: '食品饮料企业 160 余家',
      source: SRC,
      asOf: AS_OF,
    },
    {
      regionId: id('鲁西新区'),
      indicator: 'park_projects',
      value: '52',
      note: '现代医药港引进项目 52 个',
      source: SRC,
      asOf: AS_OF,
    },
    {
      regionId: id('鲁西新区'),
      indicator: 'expected_sales',
      value: '30000000000',
      note: '预计年销售收入 300 亿元',
      source: SRC,
      asOf: AS_OF,
    },
    {
      regionId: id('曹县（孙庄村）'),
      indicator: 'online_shops',
      value: '2600',
      note: '网店 2600 余家，天猫店 200 余家',
      source: SRC,
      asOf: AS_OF,
    },
  ]);
  const [tour] = await db
    .insert(studyTours)
    .values({
      title: '区党政考察团赴济南、菏泽两市五地考察学习',
      startedOn: '2023-07-22',
      endedOn: '2023-07-23',
      participants: '区党政考察团（凫城镇党委书记随团）',
      observations: [
        {
          place: '济阳区',
          content:
            '引进台资企业 80 余家；比亚迪产业链配套企业 12 家；装备制造业企业 400 余家；160 余家食品饮料企业形成省特色优势食品产业集群',
        },
        {
          place: '商河县',
          content:
            '智慧水务调度中心运用大数据、云计算、人工智能；智慧健康项目（互联网医院）；企业借助 10 万余名网红和直播平台销售',
        },
        { place: '鄄城县', content: '考察学习（文中未列数字）' },
        { place: '鲁西新区', content: '现代医药港引进项目 52 个，预计年销售收入 300 亿元' },
        {
          place: '曹县',
          content:
            '孙庄村“淘宝村”：网店 2600 余家、天猫店 200 余家、其他平台 500 余家、演出服饰企业 160 余家、200 余名青年返乡创业',
        },
      ],
      lessons: ['抓项目强工业是加速发展的根本', '抓创新强优势是加速发展的重要支撑', '抓服务优环境是加速发展的有力保障'],
    })
    .returning({ id: studyTours.id });
  const measures = await db
    .insert(tourMeasures)
    .values([
      {
        tourId: tour!.id,
        title: '聚焦现有项目抓技改',
        content: '新型建材、大健康食品、新能源三大优势产业延链、串链、补链，推动产值倍增',
      },
      {
        tourId: tour!.id,
        title: '聚焦招商引资延链条',
        content: '制定招商引资方案，成立领导小组，超前储备、跟踪服务，以商招商，全年签约过亿元项目 3 个',
      },
      {
        tourId: tour!.id,
        title: '聚焦育强企业抓升规',
        content: '推动企业升规纳统，实施“521”强企培育和专精特新梯度培育',
      },
      {
        tourId: tour!.id,
        title: '聚焦营商环境优服务',
        content: '科级干部点对点帮包 19 家企业，解决企业困难，需上级解决的积极争取',
      },
    ])
    .returning({ id: tourMeasures.id, title: tourMeasures.title });
  const m = (t: string) => measures.find((x) => x.title === t)!.id;
  const u = (n: string) => ids.user.get(n)?.id ?? null;
  const hw = await ids.project('水泥窑协同处置污泥或飞灰、锂电回收项目');
  await db.insert(tourTasks).values([
    {
      measureId: m('聚焦现有项目抓技改'),
      title: '推进华沃水泥协同处置与锂电回收项目建设',
      ownerId: u('cadre'),
      deadline: `${year}-12-31`,
      status: 'doing',
      linkType: hw ? 'project' : null,
      linkId: hw,
    },
    {
      measureId: m('聚焦招商引资延链条'),
      title: '制定年度招商引资方案并成立领导小组',
      ownerId: u('investment'),
      deadline: `${year}-03-31`,
      status: 'done',
    },
    {
      measureId: m('聚焦育强企业抓升规'),
      title: '推动山东勇辰食品有限公司升规纳统',
      ownerId: u('cadre'),
      deadline: `${year}-12-31`,
      status: 'doing',
      linkType: 'enterprise',
      linkId: ids.enterprise.get('山东勇辰食品有限公司') ?? null,
    },
    {
      measureId: m('聚焦营商环境优服务'),
      title: '帮包干部每月走访帮包企业不少于一次',
      ownerId: u('leader'),
      deadline: `${year}-06-30`,
      status: 'todo',
    },
  ]);
}
