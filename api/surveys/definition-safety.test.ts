import { FunctionFactory } from "survey-core";
import { describe, expect, it } from "vitest";
import { satisfactionSurveyV1 } from "../db/migrations/2026_11_23_1320_add_default_survey.ts";
import { checkDefinitionSafety, unsafeDefinitionParts } from "./definition-safety.ts";

const known = (name: string) => FunctionFactory.Instance.hasFunction(name);
const page = (...elements: unknown[]) => ({ pages: [{ name: "p", elements }] });
const rating = { type: "rating", name: "overall", rateMin: 1, rateMax: 5 };

/** Definitions that must be refused, with the path and (part of) the reason of the first problem. */
const UNSAFE: [string, unknown, string, RegExp][] = [
  [
    "an html question",
    page({ type: "html", name: "h", html: "<b>x</b>" }),
    "definition.pages.0.elements.0.html",
    /HTML/,
  ],
  [
    "an HTML question type in capitals",
    page(rating, { type: "HTML", name: "h" }),
    "definition.pages.0.elements.1.type",
    /html 类型/,
  ],
  [
    "completedHtml",
    { ...page(rating), completedHtml: "<p>谢谢</p>" },
    "definition.completedHtml",
    /completedHtml/,
  ],
  [
    "loadingHtml",
    { ...page(rating), loadingHtml: "请稍候" },
    "definition.loadingHtml",
    /loadingHtml/,
  ],
  [
    "completedBeforeHtml",
    { ...page(rating), completedBeforeHtml: "已填过" },
    "definition.completedBeforeHtml",
    /HTML/,
  ],
  [
    "completedHtmlOnCondition",
    { ...page(rating), completedHtmlOnCondition: [{ expression: "true", html: "x" }] },
    "definition.completedHtmlOnCondition",
    /HTML/,
  ],
  [
    "a tag in the title",
    { ...page(rating), title: "满意度<script>alert(1)</script>" },
    "definition.title",
    /HTML 标签/,
  ],
  [
    "a tag in a localised title",
    page({ ...rating, title: { "zh-cn": "<img src=x onerror=alert(1)>" } }),
    "definition.pages.0.elements.0.title.zh-cn",
    /HTML 标签/,
  ],
  [
    "a tag in a description",
    { ...page(rating), description: "见<a href='https://evil.example'>这里</a>" },
    "definition.description",
    /HTML 标签/,
  ],
  [
    "a closing tag in a choice",
    page(rating, { type: "radiogroup", name: "c", choices: ["甲", "</p>乙"] }),
    "definition.pages.0.elements.1.choices.1",
    /HTML 标签/,
  ],
  [
    "an svg tag in a choice text",
    page(rating, {
      type: "radiogroup",
      name: "c",
      choices: [{ value: 1, text: "<svg/onload=alert(1)>" }],
    }),
    "definition.pages.0.elements.1.choices.0.text",
    /HTML 标签/,
  ],
  [
    "an HTML comment",
    { ...page(rating), description: "a<!-- b -->" },
    "definition.description",
    /HTML 标签/,
  ],
  [
    "a javascript: image link",
    page(rating, { type: "image", name: "i", imageLink: "javascript:alert(1)" }),
    "definition.pages.0.elements.1.imageLink",
    /javascript/,
  ],
  [
    "a javascript: link hidden by spaces and case",
    page(rating, { type: "image", name: "i", imageLink: " JaVa\tScRiPt:alert(1)" }),
    "definition.pages.0.elements.1.imageLink",
    /javascript/,
  ],
  [
    "a data:text/html choice image",
    page(rating, {
      type: "imagepicker",
      name: "p",
      choices: [{ value: "a", imageLink: "data:text/html,<b>" }],
    }),
    "definition.pages.0.elements.1.choices.0.imageLink",
    /HTML 标签|javascript/,
  ],
  [
    "navigateToUrl",
    { ...page(rating), navigateToUrl: "https://evil.example" },
    "definition.navigateToUrl",
    /跳转/,
  ],
  [
    "navigateToUrlOnCondition",
    { ...page(rating), navigateToUrlOnCondition: [{ expression: "true", url: "x" }] },
    "definition.navigateToUrlOnCondition",
    /跳转/,
  ],
  [
    "an expression calling an unknown function",
    page(rating, { type: "text", name: "t", visibleIf: "fetchSecrets({overall}) > 1" }),
    "definition.pages.0.elements.1.visibleIf",
    /fetchSecrets/,
  ],
  [
    "an expression question calling an unknown function",
    page(rating, { type: "expression", name: "e", expression: "run('x')" }),
    "definition.pages.0.elements.1.expression",
    /run/,
  ],
  [
    "a trigger's runExpression",
    {
      ...page(rating),
      triggers: [{ type: "runexpression", expression: "{overall} > 1", runExpression: "alert(1)" }],
    },
    "definition.triggers.0.runExpression",
    /alert/,
  ],
];

/** Definitions that carry nothing of the kind, though they come close. */
const SAFE: [string, unknown][] = [
  ["the default satisfaction survey", satisfactionSurveyV1],
  [
    "comparisons in expressions",
    page(rating, {
      type: "text",
      name: "t",
      visibleIf: "{overall} < 3 and age({born}) >= 18 or {a} <{b}",
    }),
  ],
  [
    "a less-than sign in text",
    { ...page(rating), title: "月收入<5000元的家庭", description: "1 < 2，3<4，a < b" },
  ],
  [
    "an https image",
    page(rating, { type: "image", name: "i", imageLink: "https://example.org/a.png" }),
  ],
  [
    "a calculated value with survey-core functions",
    {
      ...page(rating),
      calculatedValues: [{ name: "x", expression: "iif({overall} > 3, round({overall}), 0)" }],
    },
  ],
];

describe("survey definitions without markup or script", () => {
  it.each(UNSAFE)("refuses %s", (_name, definition, path, reason) => {
    const errors = unsafeDefinitionParts(definition, known);
    expect(errors.length, JSON.stringify(errors)).toBeGreaterThan(0);
    const hit = errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit!.message).toMatch(reason);
    // Chinese for the person who sent it.
    expect(hit!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each(SAFE)("accepts %s", async (_name, definition) => {
    expect(await checkDefinitionSafety(definition)).toEqual([]);
  });

  it("walks a definition nested thousands deep without running out of stack", () => {
    let deep: unknown = { title: "<b>x</b>" };
    for (let i = 0; i < 20_000; i++) deep = { elements: [deep] };
    const errors = unsafeDefinitionParts(deep, known);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path.endsWith(".title")).toBe(true);
  });
});
