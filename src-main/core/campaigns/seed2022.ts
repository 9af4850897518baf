import type { campaignFieldsSchema } from './model';
import type { z } from 'zod';

type CampaignInput = z.input<typeof campaignFieldsSchema>;

/**
 * The 2022 notice (../shared/notice-2022.md) as the built-in campaign. The points are
 * defaults chosen so each of the four sections weighs 25 and the total is 100; the office
 * sets its own weights in the campaign editor.
 */
export const CAMPAIGN_2022: CampaignInput = {
  year: 2022,
  title: '关于开展“喜迎二十大、永远跟党走、奋进新征程”2022年度柳州市青年文明号集体有关工作的通知',
  theme: '喜迎二十大、永远跟党走、奋进新征程',
  issuer: '柳州市创建青年文明号活动组委会',
  issuedOn: '2022-05-09',
  deadline: '2022-10-31',
  materials: {
    summaryFormats: ['doc', 'docx', 'wps', 'pdf'],
    summaryCount: 1,
    photosMin: 3,
    photosMax: 5,
    note: '活动工作总结 1 份及活动照片 3–5 张（电子版），并报送有特色、有实效、可推广的典型做法。',
  },
  contact: { name: '张洪栋', phone: '0772-2827423', email: '1ztswcsb@163.com', office: '市组委会办公室' },
  items: [
    {
      section: '加强理论武装',
      title: '开展组织化学习',
      kind: 'count',
      minCount: 4,
      points: 10,
      guidance: '全年组织化专题学习不少于 4 次；5 月集中学习党的百年奋斗成就；研讨、培训、座谈等形式',
    },
    {
      section: '加强理论武装',
      title: '做好宣讲工作',
      kind: 'check',
      minCount: null,
      points: 8,
      guidance: '党的二十大召开后开展二十大精神宣讲',
    },
    {
      section: '加强理论武装',
      title: '深化理论研究',
      kind: 'check',
      minCount: null,
      points: 7,
      guidance: '围绕二十大精神和党领导下的青年运动开展理论研讨',
    },
    {
      section: '开展实践建功活动',
      title: '“喜迎二十大，青春在行动”主题实践',
      kind: 'check',
      minCount: null,
      points: 9,
      guidance: '岗位创新创优、品牌项目建设',
    },
    {
      section: '开展实践建功活动',
      title: '“我为群众办实事”实践活动',
      kind: 'check',
      minCount: null,
      points: 9,
      guidance: '至少为群众办成一件具体、看得见的实事',
    },
    {
      section: '开展实践建功活动',
      title: '岗位实践活动（对标检查）',
      kind: 'check',
      minCount: null,
      points: 7,
      guidance: '对标行业先进，在质量、流程、技术、成本、安全等方面开展检查提升',
    },
    {
      section: '加强服务引领',
      title: '助力大学生就业行动',
      kind: 'check',
      minCount: null,
      points: 8,
      guidance: '提供就业帮扶、实习岗位（扬帆计划）、大学生社区实践',
    },
    {
      section: '加强服务引领',
      title: '青少年困难帮扶',
      kind: 'check',
      minCount: null,
      points: 9,
      guidance: '希望工程、童心港湾、情暖童心、青春自护；关爱留守和流动儿童',
    },
    {
      section: '加强服务引领',
      title: '“青年文明号开放日”活动',
      kind: 'check',
      minCount: null,
      points: 8,
      guidance: '职业体验、参观、公众评议、政策宣传、公益服务',
    },
    {
      section: '做好宣传文化工作',
      title: '青年典型推选宣传',
      kind: 'check',
      minCount: null,
      points: 8,
      guidance: '两红两优、十大杰出青年、龙城青年好榜样、岗位能手等推选和故事分享',
    },
    {
      section: '做好宣传文化工作',
      title: '创新开展融媒体宣传',
      kind: 'check',
      minCount: null,
      points: 9,
      guidance: '开设专栏、网络话题、制作多媒体产品',
    },
    {
      section: '做好宣传文化工作',
      title: '集中宣传展示活动',
      kind: 'check',
      minCount: null,
      points: 8,
      guidance: '展板、海报、电子屏、新媒体矩阵集中展示',
    },
  ],
};
