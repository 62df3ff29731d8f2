/**
 * The Chinese names of what the audit log records: each action a route requires
 * (access/permissions.ts), the sign-in's own, and what each HTTP method did. The audit page's
 * action filter offers these; an entry with an action not named here shows its code.
 */
import type { Action } from "../permissions.ts";

export const AUDIT_ACTION_LABELS: Readonly<Record<Action | "auth.login" | "auth.logout", string>> =
  Object.freeze({
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "users.manage": "用户管理",
    "apiKeys.manage": "接口密钥管理",
    "audit.read": "查看审计日志",
    "orgUnits.read": "查看组织架构",
    "orgUnits.write": "维护组织架构",
    "cases.ingest": "案件数据接入",
    "cases.read": "查看案件",
    "returns.read": "查看季度填报",
    "returns.write": "季度填报",
    "returns.review": "审核季度填报",
    "indicators.read": "查看指标",
    "whatIf.run": "模拟测算",
    "schemes.read": "查看考核方案",
    "schemes.write": "维护考核方案",
    "surveys.write": "维护问卷",
    "surveyResponses.assisted": "代录问卷",
    "surveyResponses.batch": "批量导入问卷",
    "surveyStats.read": "查看问卷统计",
    "surveyComments.read": "查看问卷意见",
    "dataQuality.read": "查看数据质量",
    "exports.read": "导出数据",
    "reports.read": "查看报告",
    "reports.write": "生成报告",
    "reports.publish": "发布报告",
    "jobs.read": "查看后台任务",
    "appeals.read": "查看核减申请",
    "appeals.file": "提出核减申请",
    "appeals.decide": "审核核减申请",
    "attachments.write": "上传附件",
    "attachments.read": "查看附件",
    "periods.read": "查看季度状态",
    "periods.close": "季度关账",
    "periods.reopen": "重新开账",
    "rectifications.read": "查看整改",
    "rectifications.open": "发起整改",
    "rectifications.work": "办理整改",
    "rectifications.decide": "整改验收",
    "assessments.read": "查看评估打分",
    "assessments.write": "评估打分",
    "assessments.reopen": "重新打开评估",
    "surveyFlags.read": "查看问卷疑似刷票",
    "surveyFlags.decide": "核实问卷疑似刷票",
  });

/** What a request of each method did, beside the action's name (`用户管理 · 新建`). */
export const METHOD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  GET: "读取",
  POST: "新建",
  PUT: "写入",
  PATCH: "修改",
  DELETE: "删除",
});

/** `用户管理` for a known action, the code itself otherwise. */
export function actionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/** Who acted, by kind. */
export const ACTOR_KIND_LABELS: Readonly<Record<string, string>> = Object.freeze({
  user: "用户",
  api_key: "接口密钥",
  anonymous: "匿名",
  system: "系统",
});
