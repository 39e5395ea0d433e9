/** One thing that happened to a demo task, `at` working days from today (negative: in the past). */
export type Step =
  | { at: number; as: string; progress: number; stage: string; note?: string; overrideReason?: string }
  | { at: number; as: string; start: true; overrideReason?: string }
  | { at: number; as: string; delay: string; newDueInDays: number }
  | { at: number; as: string; submit: string; note?: string }
  | { at: number; as: string; reject: string }
  | { at: number; as: string; accept: string }
  | { at: number; as: string; milestone: string };

export interface Plan {
  name: string;
  by: string;
  owner: string;
  acceptor?: string;
  collaborators?: [string, string][];
  description: string;
  deliverable: string;
  quality: string;
  /** Working days from today. */
  start: number;
  due: number;
  major?: [string, string];
  milestones?: [string, number][];
  after?: string[];
  remarks?: string;
  steps?: Step[];
}

/**
 * Current work across the demo departments, so that every view has something to show: the
 * Kanban's five columns, at-risk flags (TSK-8), overdue with and without a delay reason (TSK-6),
 * a major task's risk plan (TSK-7), an acceptance with a rejected round (TSK-9), milestones and
 * finish-to-start chains for the Gantt, and a week of done work for the weekly report (TSK-10).
 */
export const PLANS: Plan[] = [
  {
    name: '第四季度客户数据整理',
    by: 'lisi',
    owner: 'xiaowang',
    acceptor: 'lisi',
    collaborators: [['qianqi', '核对销售客户名单']],
    description: '整理CRM中的客户数据，去重并补全联系人、行业字段',
    deliverable: '整理后的客户数据表',
    quality: '无重复记录，关键字段完整率100%，异常数据单独标注',
    start: -8,
    due: 3,
    milestones: [
      ['完成数据清洗', -3],
      ['异常数据核对', 1],
    ],
    remarks: '需核对异常数据',
    steps: [
      { at: -7, as: 'xiaowang', progress: 30, stage: '数据导出与去重' },
      { at: -3, as: 'xiaowang', milestone: '完成数据清洗' },
      { at: -2, as: 'xiaowang', progress: 70, stage: '已完成数据清洗', note: '剩余200条异常数据待核对' },
    ],
  },
  {
    name: '月度销售报告撰写',
    by: 'lisi',
    owner: 'qianqi',
    acceptor: 'lisi',
    description: '汇总本月各渠道销售数据，分析同比环比变化',
    deliverable: 'Word/PPT报告',
    quality: '数据与财务口径一致，结论附数据来源',
    start: -10,
    due: -3,
    remarks: '需财务部配合数据',
    steps: [{ at: -8, as: 'qianqi', progress: 30, stage: '数据收集中', note: '等待财务部提供回款数据' }],
  },
  {
    name: '新品推广方案',
    by: 'lisi',
    owner: 'xiaowang',
    acceptor: 'zhenghua',
    collaborators: [['qianqi', '渠道资源梳理']],
    description: '制定Q4新品上市推广方案，11月1日启动推广',
    deliverable: '推广方案PPT及预算表',
    quality: '覆盖线上线下渠道，预算误差不超过5%，经市场部评审通过',
    start: -5,
    due: 10,
    major: ['推广时间与研发上线时间存在冲突风险', '与研发部每周对齐进度，预留一周缓冲期'],
    milestones: [
      ['渠道方案初稿', 3],
      ['预算评审', 7],
    ],
    steps: [{ at: -1, as: 'xiaowang', progress: 20, stage: '渠道调研' }],
  },
  {
    name: '渠道推广预算测算',
    by: 'lisi',
    owner: 'lisi',
    description: '测算各推广渠道的投入产出，形成预算建议',
    deliverable: '渠道预算测算表',
    quality: '每个渠道给出投入、预期转化与ROI，口径与财务部一致',
    start: -12,
    due: -4,
    steps: [
      { at: -10, as: 'lisi', progress: 40, stage: '收集渠道报价' },
      { at: -3, as: 'lisi', delay: '财务部预算口径调整，需重新测算', newDueInDays: 6 },
      { at: -1, as: 'lisi', progress: 60, stage: '按新口径测算' },
    ],
  },
  {
    name: '展会物料准备',
    by: 'lisi',
    owner: 'qianqi',
    acceptor: 'lisi',
    description: '准备行业展会的展架、宣传册和样品',
    deliverable: '物料清单及采购确认单',
    quality: '物料齐全，报价不少于三家比价',
    start: -9,
    due: 2,
    steps: [
      { at: -8, as: 'qianqi', progress: 50, stage: '供应商询价' },
      { at: -5, as: 'qianqi', progress: 100, stage: '物料确认完毕' },
      { at: -4, as: 'qianqi', submit: 'https://pan.example.com/expo/materials-v1.xlsx', note: '物料清单第一版' },
      { at: -3, as: 'lisi', reject: '请补充物料报价对比，至少三家供应商' },
      { at: -1, as: 'qianqi', submit: 'https://pan.example.com/expo/materials-v2.xlsx', note: '已补充三家报价对比' },
    ],
  },
  {
    name: '老客户回访计划',
    by: 'lisi',
    owner: 'xiaowang',
    acceptor: 'lisi',
    description: '制定重点老客户季度回访计划',
    deliverable: '回访计划表',
    quality: '覆盖全部VIP客户，每位客户明确回访人和时间',
    start: -12,
    due: -2,
    steps: [
      { at: -11, as: 'xiaowang', progress: 60, stage: '名单整理' },
      { at: -4, as: 'xiaowang', progress: 100, stage: '计划完成' },
      { at: -4, as: 'xiaowang', submit: 'https://pan.example.com/visits/plan.xlsx' },
      { at: -3, as: 'lisi', accept: '计划完整，按计划执行' },
    ],
  },
  {
    name: '竞品价格调研',
    by: 'lisi',
    owner: 'xiaowang',
    description: '调研三家主要竞品的价格体系',
    deliverable: '竞品价格对比表',
    quality: '覆盖三家竞品全部在售型号，数据注明来源和日期',
    start: 1,
    due: 6,
  },
  {
    name: '季度经营分析会材料',
    by: 'zhenghua',
    owner: 'lisi',
    acceptor: 'zhenghua',
    collaborators: [
      ['xiaowang', '销售数据整理'],
      ['qianqi', '重点客户情况'],
    ],
    description: '准备季度经营分析会的市场部汇报材料',
    deliverable: '汇报PPT',
    quality: '包含销售、客户、推广三部分，数据截至上月末',
    start: -3,
    due: 5,
    steps: [{ at: -1, as: 'xiaowang', progress: 35, stage: '销售数据已整理' }],
  },
  {
    name: '详细开发计划编制',
    by: 'wuming',
    owner: 'zhangsan',
    acceptor: 'wuming',
    description: '按Q4项目启动会决议编制研发详细开发计划',
    deliverable: '详细开发计划（含排期与人员分工）',
    quality: '覆盖全部功能模块，每项任务有负责人和起止日期',
    start: -4,
    due: 2,
    steps: [{ at: -2, as: 'zhangsan', progress: 50, stage: '模块拆分完成' }],
  },
  {
    name: '用户中心接口开发',
    by: 'zhangsan',
    owner: 'zhangsan',
    description: '开发用户注册、登录、资料维护接口',
    deliverable: '接口代码及接口文档',
    quality: '单元测试覆盖率80%以上，接口文档与实现一致',
    start: 3,
    due: 13,
    after: ['详细开发计划编制'],
    milestones: [
      ['接口设计评审', 5],
      ['联调完成', 11],
    ],
  },
  {
    name: '测试环境部署',
    by: 'zhangsan',
    owner: 'zhangsan',
    description: '部署Q4项目测试环境',
    deliverable: '可访问的测试环境及部署文档',
    quality: '与生产环境配置一致，部署步骤可复现',
    start: 12,
    due: 16,
    after: ['用户中心接口开发'],
  },
  {
    name: 'Q4产品上线',
    by: 'zhouzong',
    owner: 'hetao',
    acceptor: 'zhouzong',
    description: 'Q4项目需在12月31日前完成产品上线，用户量目标10万+',
    deliverable: '上线的产品及上线报告',
    quality: '核心功能全部可用，无P1级缺陷，上线报告经总经理确认',
    start: 14,
    due: 30,
    major: ['研发周期紧张，推广与上线时间耦合', '分两期上线，核心功能优先；每周例会跟踪风险'],
    after: ['测试环境部署'],
    milestones: [
      ['上线评审', 24],
      ['正式上线', 30],
    ],
  },
  {
    name: '数据导出功能需求评审',
    by: 'hetao',
    owner: 'hetao',
    acceptor: 'wuming',
    description: '评审客户提出的数据导出自定义格式需求',
    deliverable: '需求评审纪要',
    quality: '明确支持的格式（CSV/Excel）和排期',
    start: -9,
    due: -4,
    steps: [
      { at: -8, as: 'hetao', progress: 100, stage: '评审完成' },
      { at: -7, as: 'hetao', submit: 'https://pan.example.com/product/export-review.docx' },
      { at: -6, as: 'wuming', accept: '同意，按评审结论排期' },
    ],
  },
  {
    name: '项目组办公场地协调',
    by: 'zhenghua',
    owner: 'wangwu',
    description: '为Q4项目组协调集中办公场地',
    deliverable: '场地安排确认单',
    quality: '容纳12人，网络和投影设备可用',
    start: -6,
    due: -1,
    steps: [
      { at: -5, as: 'wangwu', progress: 100, stage: '场地已落实' },
      { at: -2, as: 'wangwu', submit: 'https://pan.example.com/admin/site.pdf' },
      { at: -1, as: 'zhenghua', accept: '场地满足要求' },
    ],
  },
  {
    name: '会议室设备检修',
    by: 'wangwu',
    owner: 'zhaoliu',
    collaborators: [['wangwu', '联系维修厂商']],
    description: '检修3号会议室投影仪和麦克风',
    deliverable: '检修记录',
    quality: '设备全部可用，记录故障原因',
    start: -3,
    due: 1,
    steps: [{ at: -1, as: 'zhaoliu', progress: 80, stage: '投影仪已修复' }],
  },
  {
    name: '档案柜整理',
    by: 'wangwu',
    owner: 'zhaoliu',
    description: '整理档案柜-03的纸质档案并核对编码',
    deliverable: '档案柜整理清单',
    quality: '每份档案编码与登记表一致，缺失项列明',
    start: -12,
    due: -6,
    steps: [
      { at: -10, as: 'zhaoliu', progress: 40, stage: '03-01至03-03已整理' },
      { at: -5, as: 'zhaoliu', delay: '部分档案借出未归还，需等待归还后核对', newDueInDays: 4 },
      { at: -3, as: 'zhaoliu', progress: 75, stage: '03-04已整理' },
    ],
  },
  {
    name: '供应商合同续签',
    by: 'zhenghua',
    owner: 'wangwu',
    description: '办公用品供应商合同到期续签',
    deliverable: '续签合同',
    quality: '价格不高于去年，经财务部审核',
    start: 2,
    due: 8,
  },
  {
    name: '年度招聘计划',
    by: 'zhouzong',
    owner: 'chenjing',
    acceptor: 'zhouzong',
    description: '根据明年业务目标编制年度招聘计划',
    deliverable: '年度招聘计划表',
    quality: '按部门列出岗位、人数和到岗时间，预算经财务部确认',
    start: 1,
    due: 12,
  },
  {
    name: '新员工入职培训',
    by: 'chenjing',
    owner: 'chenjing',
    description: '组织本月新员工入职培训',
    deliverable: '培训课件及签到表',
    quality: '全部新员工参训，培训满意度4分以上',
    start: -4,
    due: 4,
    steps: [{ at: -2, as: 'chenjing', progress: 45, stage: '课件准备完成' }],
  },
  {
    name: '月度报表核对',
    by: 'zhouzong',
    owner: 'linfang',
    acceptor: 'zhouzong',
    description: '核对本月财务报表与业务数据',
    deliverable: '报表核对说明',
    quality: '差异项逐条说明原因',
    start: -5,
    due: 1,
    steps: [
      { at: -3, as: 'linfang', progress: 100, stage: '核对完成' },
      { at: -1, as: 'linfang', submit: 'https://pan.example.com/finance/report-check.xlsx' },
    ],
  },
  {
    name: '预算执行分析',
    by: 'linfang',
    owner: 'linfang',
    description: '分析各部门前三季度预算执行情况',
    deliverable: '预算执行分析报告',
    quality: '每个部门给出执行率和偏差原因',
    start: -6,
    due: 4,
    steps: [{ at: -4, as: 'linfang', progress: 10, stage: '数据收集中' }],
  },
  {
    name: '客户投诉处理流程优化',
    by: 'zhenghua',
    owner: 'gaoyan',
    acceptor: 'zhenghua',
    description: '优化客户投诉处理流程，将响应时间缩短至24小时内',
    deliverable: '新版投诉处理流程及培训材料',
    quality: '投诉平均响应时间不超过24小时，流程经客服部全员培训',
    start: -6,
    due: 8,
    major: ['流程切换期间可能漏单', '新旧流程并行一周，每日核对工单'],
    milestones: [
      ['现状梳理', -3],
      ['新流程试运行', 4],
    ],
    steps: [
      { at: -5, as: 'gaoyan', progress: 15, stage: '现状调研' },
      { at: -3, as: 'gaoyan', milestone: '现状梳理' },
      { at: -2, as: 'gaoyan', progress: 40, stage: '新流程设计中' },
    ],
  },
  {
    name: '满意度回访',
    by: 'gaoyan',
    owner: 'gaoyan',
    description: '对本月已处理投诉进行满意度回访',
    deliverable: '回访记录表',
    quality: '回访率100%，低分客户提出改进措施',
    start: 2,
    due: 6,
  },
];

/** The two rows of the manual's 任务跟踪表, kept with their numbers (imported history). */
