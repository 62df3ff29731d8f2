import { type Kysely, sql } from "kysely";

// The default satisfaction survey (CONTRACT.md: id `satisfaction`), SurveyJS JSON, version 1.
// Frozen here as it was first published; later wordings are new versions, never edits.
const ITEMS = [
  ["overall", "总体而言，您对本社区的服务满意吗？"],
  ["timeliness", "您反映的问题或办理的事项，处理得及时吗？"],
  ["effectiveness", "问题解决的效果让您满意吗？"],
  ["transparency", "办理过程中的沟通和信息公开让您满意吗？"],
  ["attitude", "工作人员的服务态度让您满意吗？"],
] as const;

const LABELS = ["非常不满意", "不满意", "一般", "满意", "非常满意"];

export const satisfactionSurveyV1 = {
  locale: "zh-cn",
  title: "社区服务满意度调查",
  description: "匿名填写，约需 1 分钟。您的意见将用于改进社区服务。",
  showQuestionNumbers: "off",
  completeText: "提交",
  pages: [
    {
      name: "ratings",
      elements: [
        ...ITEMS.map(([name, title]) => ({
          type: "rating",
          name,
          title,
          isRequired: false,
          rateValues: LABELS.map((text, i) => ({ value: i + 1, text })),
          displayMode: "buttons",
        })),
        {
          type: "radiogroup",
          name: "ageBand",
          title: "您的年龄段",
          choices: [
            { value: "18-39", text: "18–39 岁" },
            { value: "40-59", text: "40–59 岁" },
            { value: "60-79", text: "60–79 岁" },
            { value: "80+", text: "80 岁及以上" },
          ],
        },
        {
          type: "comment",
          name: "comment",
          title: "还有什么想告诉我们的吗？（选填）",
          maxLength: 500,
        },
      ],
    },
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    insert into survey (id, version, title, definition, created_by)
    values ('satisfaction', 1, ${satisfactionSurveyV1.title}, ${JSON.stringify(satisfactionSurveyV1)}::jsonb, 'migration')
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from survey where id = 'satisfaction' and version = 1`.execute(db);
}
