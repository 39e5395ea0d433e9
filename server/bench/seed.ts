import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.ts';
import { rowsOf } from '../src/platform/access/scope.ts';
import { hashPassword } from '../src/platform/auth/passwords.ts';
import { searchTokens } from '../src/platform/search/tokens.ts';

/**
 * Bench data, generated inside the database (INSERT … SELECT generate_series), so a million tasks
 * take a minute, not an hour of round trips. Shapes follow a company with a long history:
 * - 5,000 people: one department of 200 (华东销售部, the weekly-report subject), the rest in
 *   departments of 40 under five divisions; the first person of each department is its head.
 * - tasks spread uniformly over the people and over the last four years (start dates), lasting
 *   3–42 days; old ones are nearly all done, recent ones a realistic mix, so each person has a
 *   handful of open tasks and some are 延期 (TSK-4 derived: open and due before today).
 * - names, descriptions, deliverables from a small vocabulary of real office tasks; the search
 *   tokens of name + description are computed here by searchTokens() (the same function the
 *   service uses) and picked per row by modulo; the number's tokens are cut in SQL the same way.
 * - a fifth of the tasks have a collaborator, a tenth a milestone (TSK-8 reads them).
 */

export const BENCH_PASSWORD = 'Bench-pass-1';
export const PEOPLE = 5_000;
export const BIG_DEPARTMENT_SIZE = 200;
const DEPARTMENT_SIZE = 40;
const DIVISIONS = ['销售中心', '研发中心', '运营中心', '职能中心', '客服中心'];

/** [name, description, deliverable, quality standard] — 数据 occurs in about one name in eight. */
const VOCABULARY: [string, string, string, string][] = [
  ['客户数据整理', '整理客户数据，去重并补全字段', '整理后的客户数据表', '无重复记录，字段完整率100%'],
  ['月度销售报告撰写', '汇总本月销售情况并分析原因', 'Word/PPT报告', '数据与财务口径一致'],
  ['季度经营数据分析', '分析季度经营指标的变化', '分析报告', '结论有数据支撑'],
  ['销售数据核对', '核对系统与台账的销售记录', '核对清单', '差异逐条说明'],
  ['数据迁移方案', '制定旧系统到新系统的迁移步骤', '迁移方案文档', '含回退方案'],
  ['优化客户投诉处理流程', '将投诉响应时间缩短至24小时内', '新版流程图及制度', '评审通过'],
  ['新员工入职培训', '组织本月新员工培训', '培训签到表及课件', '参训率100%'],
  ['办公用品采购', '采购第四季度办公用品', '采购清单及发票', '不超预算'],
  ['年度预算编制', '编制部门下一年度预算', '预算表', '经分管领导审核'],
  ['供应商评估', '评估现有供应商的交付表现', '评估报告', '覆盖全部在用供应商'],
  ['合同归档整理', '整理本季度签订的合同并归档', '归档清单', '编号齐全'],
  ['产品需求评审', '组织新版本需求评审会', '评审纪要', '需求逐条确认'],
  ['官网改版', '完成官网首页和产品页改版', '上线页面', '通过兼容性测试'],
  ['展会筹备', '筹备行业展会的展位与物料', '展位方案及物料清单', '展前一周到位'],
  ['客户满意度回访', '回访上月成交客户', '回访记录', '回访率不低于90%'],
  ['市场推广计划', '制定下季度推广渠道及预算', '推广计划书', '渠道与预算明确'],
  ['招聘需求汇总', '汇总各部门招聘需求', '招聘计划表', '岗位说明完整'],
  ['绩效考核组织', '组织季度绩效考核', '考核结果汇总', '按时完成率100%'],
  ['服务器巡检', '检查生产服务器运行状态', '巡检报告', '问题均有处理记录'],
  ['安全漏洞修复', '修复扫描发现的高危漏洞', '修复记录', '复测无高危'],
  ['接口文档编写', '补全对外接口说明', '接口文档', '示例可运行'],
  ['测试用例补充', '补充核心流程的测试用例', '测试用例集', '覆盖主要场景'],
  ['会议室预订规范修订', '修订会议室使用规范', '规范文本', '经行政部审核'],
  ['档案室盘点', '盘点纸质档案柜', '盘点表', '账实相符'],
  ['费用报销审核', '审核本月费用报销单', '审核清单', '票据合规'],
  ['应收账款催收', '跟进逾期应收款', '催收记录', '逾期款项逐笔跟进'],
  ['渠道伙伴拜访', '拜访华东区渠道伙伴', '拜访纪要', '每家有跟进事项'],
  ['投标文件准备', '准备项目投标文件', '投标文件', '资质材料齐全'],
  ['项目周报汇总', '汇总各项目组周报', '项目周报', '每周五前提交'],
  ['库存盘点', '月末库存盘点', '盘点报告', '差异率低于1%'],
  ['客户资料更新', '更新重点客户联系人信息', '客户信息表', '24小时内同步'],
  ['培训课件制作', '制作产品培训课件', '课件', '经产品部确认'],
  ['系统权限梳理', '梳理业务系统账号权限', '权限清单', '离职人员账号已停用'],
  ['质量问题复盘', '复盘上月质量问题', '复盘报告', '整改措施明确'],
  ['年会策划', '策划公司年会', '策划方案', '预算内完成'],
  ['宣传册设计', '设计新版产品宣传册', '设计稿', '品牌规范一致'],
  ['报表自动化', '将月报数据提取改为自动生成', '自动化脚本及说明', '结果与手工一致'],
  ['售后工单分析', '分析售后工单的高频问题', '分析报告', '给出改进建议'],
  ['竞品调研', '调研三家主要竞品', '调研报告', '信息来源可查'],
  ['办公网络改造', '改造三楼办公网络', '验收报告', '无线全覆盖'],
];
const STAGES = ['需求确认', '资料收集中', '初稿完成', '已完成数据清洗', '内部评审', '修改中', '待提交', '数据收集中'];

export interface BenchWorld {
  bigDepartmentId: number;
  /** 华东销售部's head: the department list, the search and the weekly report. */
  headUsername: string;
  /** An ordinary member of a 40-person department: "my open tasks". */
  staffUsername: string;
  tasks: number;
}

/** The number's 2-character pieces as SQL (searchTokens lower-cases; numbers are ASCII letters and digits). */
const numberPieces = (number: string) => `array(select substr(lower(${number}), k, 2) from generate_series(1, length(${number}) - 1) k)`;
/** Unique pieces, as searchTokens() stores them (a number piece may repeat one of the text's, e.g. 24). */
const uniquePieces = (tokens: string, number: string) => `array(select distinct x from unnest(${tokens} || ${numberPieces(number)}) x)`;

export async function seedBench(database: Database, opts: { tasks: number; today: string; log: (line: string) => void }): Promise<BenchWorld> {
  const { db } = database;
  const stamp = new Date().toISOString();
  const hash = await hashPassword(BENCH_PASSWORD);
  const t0 = performance.now();

  // Departments: five divisions, the 200-person one first, then 120 departments of 40.
  const others = (PEOPLE - BIG_DEPARTMENT_SIZE) / DEPARTMENT_SIZE;
  await db.execute(sql`INSERT INTO departments (name, code, sort_order, created_at, updated_at)
    SELECT d, 'BD' || n, n, ${stamp}, ${stamp} FROM unnest(${`{${DIVISIONS.join(',')}}`}::text[]) WITH ORDINALITY AS x(d, n)`);
  const divisions = rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM departments WHERE code LIKE 'BD%' ORDER BY sort_order`)).map((r) => Number(r.id));
  await db.execute(sql`INSERT INTO departments (name, code, parent_id, sort_order, created_at, updated_at)
    SELECT CASE WHEN n = 0 THEN '华东销售部' ELSE (array['销售','研发','运营','职能','客服'])[1 + n % 5] || n || '部' END,
           'B' || lpad(n::text, 3, '0'), (${`{${divisions.join(',')}}`}::int[])[1 + n % 5], n, ${stamp}, ${stamp}
    FROM generate_series(0, ${others}) n`);
  const [first] = rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM departments WHERE code = 'B000'`));
  const firstDept = Number(first!.id);

  // People: person k is in department k < 200 ? 0 : 1 + (k - 200) / 40; the first of each is its head.
  const deptOf = (k: string) => `(${firstDept} + CASE WHEN ${k} < ${BIG_DEPARTMENT_SIZE} THEN 0 ELSE 1 + (${k} - ${BIG_DEPARTMENT_SIZE}) / ${DEPARTMENT_SIZE} END)`;
  const isHead = (k: string) => `(${k} = 0 OR (${k} >= ${BIG_DEPARTMENT_SIZE} AND (${k} - ${BIG_DEPARTMENT_SIZE}) % ${DEPARTMENT_SIZE} = 0))`;
  await db.execute(
    sql.raw(`INSERT INTO people (username, name, employee_no, department_id, title, roles, active, password_hash, must_change_password, created_at, updated_at)
    SELECT 'b' || lpad(k::text, 4, '0'),
           (array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林'])[1 + k % 16] ||
           (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','华','平'])[1 + (k / 16) % 20] ||
           CASE WHEN k >= 320 THEN (array['','一','二','三','四','五','六','七','八','九'])[1 + (k / 320) % 10] ELSE '' END,
           'B' || lpad(k::text, 5, '0'), ${deptOf('k')}, CASE WHEN ${isHead('k')} THEN '部门负责人' ELSE '专员' END,
           CASE WHEN ${isHead('k')} THEN '{department_head,employee}'::text[] ELSE '{employee}'::text[] END,
           true, '${hash}', false, '${stamp}', '${stamp}'
    FROM generate_series(0, ${PEOPLE - 1}) k ORDER BY k`),
  );
  const [span] = rowsOf<{ lo: number; hi: number }>(await db.execute(sql`SELECT min(id) AS lo, max(id) AS hi FROM people WHERE username LIKE 'b%'`));
  const base = Number(span!.lo);
  if (Number(span!.hi) - base + 1 !== PEOPLE) throw new Error('bench people ids are not contiguous');
  await db.execute(sql`UPDATE departments d SET head_id = p.id FROM people p WHERE p.department_id = d.id AND 'department_head' = ANY(p.roles)`);
  await db.execute(sql`UPDATE departments d SET division_leader_id = ${base + BIG_DEPARTMENT_SIZE} WHERE d.parent_id IS NULL`);
  opts.log(`  people and departments: ${Math.round(performance.now() - t0)} ms`);

  // Tasks. r, s, vk: three independent 32-bit scrambles of i (multiplicative hashing) for the dates,
  // the status mix and the vocabulary entry — the owner is i mod 5,000, so none may be a function
  // of i mod anything that divides 5,000. Old tasks are nearly all done.
  const vocab = VOCABULARY.map(([name, description, deliverable, quality], k) => ({ k, name, description, deliverable, quality, tokens: searchTokens(name, description) }));
  const json = JSON.stringify(vocab);
  const t1 = performance.now();
  const chunk = 250_000;
  for (let from = 1; from <= opts.tasks; from += chunk) {
    const to = Math.min(opts.tasks, from + chunk - 1);
    await db.execute(
      sql.raw(`WITH v AS (
        SELECT * FROM jsonb_to_recordset('${json.replace(/'/g, "''")}'::jsonb) AS x(k int, name text, description text, deliverable text, quality text, tokens text[])
      ), g AS (
        SELECT i, (i::bigint * 2654435761 % 4294967296) AS r, (i::bigint * 2246822519 % 4294967296) / 4294968 AS s,
               (i::bigint * 3266489917 % 4294967296) / 107374183 AS vk
        FROM generate_series(${from}, ${to}) i
      ), d AS (
        SELECT i, r, s, vk, ('${opts.today}'::date - (r % 1460)::int) AS start_date, (3 + (r / 1460) % 40)::int AS length FROM g
      ), t AS (
        SELECT i, r, s, vk, start_date, start_date + length AS due_date,
          CASE
            WHEN start_date + length < '${opts.today}'::date THEN
              CASE WHEN s < (CASE WHEN r % 1460 > 90 THEN 996 ELSE 880 END) THEN 'done' WHEN s % 3 = 0 THEN 'not_started' ELSE 'in_progress' END
            WHEN start_date > '${opts.today}'::date THEN 'not_started'
            WHEN s < 150 THEN 'done' WHEN s < 230 THEN 'awaiting_acceptance' WHEN s < 330 THEN 'not_started' ELSE 'in_progress'
          END AS status
        FROM d
      )
      INSERT INTO tasks (number, name, description, deliverable, quality_standard, owner_id, department_id, creator_id, acceptor_id,
                         start_date, due_date, progress, stage, status, major, risk_note, mitigation_plan, remarks, search_tokens,
                         done_at, created_at, updated_at)
      SELECT 'T' || to_char(t.start_date, 'YYYYMM') || lpad(t.i::text, greatest(2, length(t.i::text)), '0'), v.name, v.description, v.deliverable, v.quality,
             p.id, p.department_id, p.id, CASE WHEN t.s % 10 = 0 AND dep.head_id <> p.id THEN dep.head_id END,
             t.start_date, t.due_date,
             CASE t.status WHEN 'done' THEN 100 WHEN 'awaiting_acceptance' THEN 100 WHEN 'not_started' THEN 0 ELSE 5 + (t.s * 7) % 90 END,
             CASE WHEN t.status = 'not_started' THEN NULL ELSE (array['${STAGES.join("','")}'])[1 + t.s % ${STAGES.length}] END,
             t.status, t.s % 50 = 0, CASE WHEN t.s % 50 = 0 THEN '关键节点，存在延期风险' END, CASE WHEN t.s % 50 = 0 THEN '每周跟踪并预留缓冲' END,
             CASE WHEN t.s % 4 = 0 THEN '需财务部配合数据' END,
             ${uniquePieces('v.tokens', `('T' || to_char(t.start_date, 'YYYYMM') || lpad(t.i::text, greatest(2, length(t.i::text)), '0'))`)},
             CASE WHEN t.status = 'done' THEN (least(t.due_date, '${opts.today}'::date) - (t.s % 3)::int + time '10:00') AT TIME ZONE 'Asia/Shanghai' END,
             (t.start_date + time '09:00') AT TIME ZONE 'Asia/Shanghai', (least(t.due_date, '${opts.today}'::date) + time '09:00') AT TIME ZONE 'Asia/Shanghai'
      FROM t
      JOIN v ON v.k = t.vk % ${vocab.length}
      JOIN people p ON p.id = ${base} + t.i % ${PEOPLE}
      JOIN departments dep ON dep.id = p.department_id`),
    );
    opts.log(`  tasks ${to.toLocaleString('en')} / ${opts.tasks.toLocaleString('en')}: ${Math.round(performance.now() - t1)} ms`);
  }
  // A fifth with a collaborator (the next person, usually a colleague), a tenth with a milestone.
  await db.execute(
    sql.raw(`INSERT INTO task_collaborators (task_id, person_id, share, position)
    SELECT t.id, ${base} + (t.owner_id - ${base} + 1) % ${PEOPLE}, '协助整理数据', 0 FROM tasks t WHERE t.id % 5 = 0`),
  );
  await db.execute(
    sql.raw(`INSERT INTO task_milestones (task_id, name, date, done, done_at, position)
    SELECT t.id, '初稿提交', t.start_date + (t.due_date - t.start_date) / 2, t.start_date + (t.due_date - t.start_date) / 2 < '${opts.today}'::date, NULL, 0
    FROM tasks t WHERE t.id % 10 = 1`),
  );
  opts.log(`  collaborators and milestones: ${Math.round(performance.now() - t1)} ms`);
  await checkTokens(database, vocab.length);
  return benchWorld(database, opts.tasks);
}

/** Who and what the requests are about, read back from seeded data (also for BENCH_REUSE). */
export async function benchWorld(database: Database, tasks: number): Promise<BenchWorld> {
  const { db } = database;
  const [big] = rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM departments WHERE code = 'B000'`));
  const firstDept = Number(big!.id);
  // "My open tasks" is measured for the busiest ordinary member of a 40-person department, so that
  // the page is not empty (at 100,000 tasks most people have none or one open).
  const [busiest] = rowsOf<{ username: string }>(
    await db.execute(sql`SELECT p.username FROM tasks t JOIN people p ON p.id = t.owner_id
      WHERE t.status <> 'done' AND p.department_id <> ${firstDept} AND NOT ('department_head' = ANY(p.roles))
      GROUP BY p.username ORDER BY count(*) DESC, p.username LIMIT 1`),
  );
  return { bigDepartmentId: firstDept, headUsername: 'b0000', staffUsername: busiest!.username, tasks };
}

/** The SQL-cut tokens must be what the service would have written: compare a sample with searchTokens(). */
async function checkTokens(database: Database, every: number) {
  const sample = rowsOf<{ number: string; name: string; description: string | null; search_tokens: string[] }>(
    await database.db.execute(sql`SELECT number, name, description, search_tokens FROM tasks WHERE id % ${every * 997} = 1 LIMIT 50`),
  );
  for (const row of sample) {
    const want = searchTokens(row.number, row.name, row.description).sort();
    const got = [...new Set(row.search_tokens)].sort();
    if (JSON.stringify(want) !== JSON.stringify(got)) throw new Error(`search tokens of ${row.number} differ from searchTokens(): ${got.join(' ')} ≠ ${want.join(' ')}`);
  }
}

export async function analyze(database: Database) {
  await database.exec('VACUUM ANALYZE');
}
