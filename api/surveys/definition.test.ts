import { describe, expect, it } from "vitest";
import { satisfactionSurveyV1 } from "../db/migrations/2026_11_23_1320_add_default_survey.ts";
import { checkAnswers, compileSurvey } from "./definition.ts";

const compile = (definition: unknown) =>
  compileSurvey({ id: "t", version: 1, title: "t", definition });

describe("compileSurvey and checkAnswers", async () => {
  const { survey, errors } = await compile(satisfactionSurveyV1);

  it("reads the default survey's rules with survey-core", () => {
    expect(errors).toEqual([]);
    expect([...survey.fields.keys()]).toEqual([
      "overall",
      "timeliness",
      "effectiveness",
      "transparency",
      "attitude",
      "ageBand",
      "comment",
    ]);
    expect(survey.commentField).toBe("comment");
  });

  it.each([
    [{ overall: 5, ageBand: "80+", comment: "好" }, []],
    [{}, []],
    [{ overall: null }, []],
    [{ overall: 0 }, ["answers.overall"]],
    [{ overall: 6 }, ["answers.overall"]],
    [{ overall: "5" }, ["answers.overall"]],
    [{ overall: [5] }, ["answers.overall"]],
    [{ ageBand: "18–39" }, ["answers.ageBand"]],
    [{ comment: "x".repeat(500) }, []],
    [{ comment: "x".repeat(501) }, ["answers.comment"]],
    [{ comment: "😀".repeat(500) }, []], // counted in characters, not UTF-16 units
    [{ extra: 1, overall: 9 }, ["answers.extra", "answers.overall"]],
  ])("answers case %#", (answers, paths) => {
    expect(checkAnswers(survey, answers).map((e) => e.path)).toEqual(paths);
  });

  it("checks choices, lists, booleans, numbers, required and comment keys of other question types", async () => {
    const { survey: s, errors: e } = await compile({
      elements: [
        {
          type: "checkbox",
          name: "help",
          choices: ["a", "b"],
          showOtherItem: true,
          isRequired: true,
        },
        { type: "boolean", name: "again" },
        { type: "text", name: "age", inputType: "number" },
        { type: "dropdown", name: "street", choices: [{ value: 1, text: "一" }] },
        { type: "html", name: "note", html: "<p>x</p>" },
      ],
    });
    expect(e).toEqual([]);
    expect(s.fields.has("note")).toBe(false);
    const paths = (a: Record<string, unknown>) => checkAnswers(s, a).map((x) => x.path);
    expect(
      paths({ help: ["a", "other"], "help-Comment": "自己填", again: true, age: 70, street: 1 }),
    ).toEqual([]);
    expect(paths({})).toEqual(["answers.help"]);
    expect(paths({ help: ["a", "a"] })).toEqual(["answers.help"]);
    expect(paths({ help: "a" })).toEqual(["answers.help"]);
    expect(paths({ help: ["c"], again: "yes", age: "70", street: "1" })).toEqual([
      "answers.help",
      "answers.again",
      "answers.age",
      "answers.street",
    ]);
  });

  it.each([
    [{ elements: [] }, "问卷中没有题目"],
    [{ pages: [{ elements: [{ type: "html", name: "h", html: "x" }] }] }, "问卷中没有题目"],
    [{ elements: [{ type: "nosuch", name: "x" }] }, "incorrect"],
    [{ elements: [{ type: "text", name: "x" }], bogusProperty: 1 }, "bogusProperty"],
    [{ elements: [{ type: "rating", name: "overall", rateCount: 10, rateMax: 10 }] }, "1–5"],
    [{ elements: [{ type: "text", name: "attitude" }] }, "1–5"],
    [
      {
        elements: [
          { type: "text", name: "a" },
          { type: "text", name: "b", valueName: "a" },
        ],
      },
      "答案名称相同",
    ],
  ])("rejects %j", async (definition, message) => {
    const { errors: e } = await compile(definition);
    expect(e.map((x) => x.message).join(" | ")).toContain(message);
  });
});
