/**
 * The public satisfaction form (/s/{surveyId}/{orgUnitCode}) and the assisted-entry page: the
 * stored SurveyJS definition rendered by survey-js-ui in Chinese, a large-type mode (one
 * question per screen, large type and tap targets: CSS in the page), read-aloud, and answers
 * kept on the device until the server has them.
 */
import "survey-core/survey-core.fontless.min.css";
import { Model, type Question, type SurveyModel, surveyLocalization } from "survey-core";
import "survey-core/i18n/simplified-chinese";
import { renderSurvey } from "survey-js-ui";
import { enqueue, newResponseId, startRetrying } from "./survey-queue.ts";
import { canSpeak, speak, spokenQuestion, stopSpeaking } from "./survey-speech.ts";
import { sendShowingThanks } from "./survey-thanks.ts";

interface PageConfig {
  surveyId: string;
  version: number;
  definition: Record<string, unknown>;
  orgUnit: string;
  mode: "self" | "assisted";
  large: boolean;
  endpoint: string;
}

const LARGE_KEY = "s369.survey.large";
const SPEAKER_ICON =
  '<svg aria-hidden="true" viewBox="0 0 24 24" width="1.1em" height="1.1em" fill="currentColor"><path d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"/></svg>';

// In large-type mode each screen is one question.
const zh = surveyLocalization.locales["zh-cn"] as Record<string, string> | undefined;
if (zh) {
  zh.pageNextText = "下一题";
  zh.pagePrevText = "上一题";
}
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

const config = JSON.parse($("survey-config")?.textContent ?? "{}") as PageConfig;
const root = $("survey");
let large = config.large || readLargePreference();
let model: SurveyModel;
let entered = 0;

function readLargePreference(): boolean {
  try {
    return localStorage.getItem(LARGE_KEY) === "1";
  } catch {
    return false;
  }
}

function rememberLarge(on: boolean) {
  try {
    localStorage.setItem(LARGE_KEY, on ? "1" : "0");
  } catch {
    // private mode: the toggle still works for this visit
  }
}

function addReadAloud(_: SurveyModel, options: { question: Question; htmlElement: HTMLElement }) {
  if (!canSpeak()) return;
  const header = options.htmlElement.querySelector(".sd-question__header") ?? options.htmlElement;
  if (header.querySelector(".s369-speak")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "s369-speak";
  button.innerHTML = `${SPEAKER_ICON}<span>朗读</span>`;
  button.setAttribute("aria-label", "朗读本题");
  button.addEventListener("click", (e) => {
    e.preventDefault();
    speak(spokenQuestion(options.question as unknown as Parameters<typeof spokenQuestion>[0]));
  });
  header.appendChild(button);
}

function buildModel(data: Record<string, unknown> = {}, pageNo = 0): SurveyModel {
  const m = new Model(config.definition);
  m.locale = "zh-cn";
  m.showTitle = false; // the page header shows the title and the unit
  m.fitToContainer = false; // the page scrolls, not a box inside it
  m.showCompletedPage = false;
  m.questionsOnPageMode = large ? "questionPerPage" : "standard";
  m.showProgressBar = false; // its page count is wrong with one question per screen: see progress()
  m.data = data;
  // A resident's own form must answer the overall item (the server refuses it otherwise).
  const overall = config.mode === "self" ? m.getQuestionByName("overall") : null;
  if (overall) overall.isRequired = true;
  if (pageNo > 0 && pageNo < m.visiblePages.length) m.currentPageNo = pageNo;
  m.onAfterRenderQuestion.add(addReadAloud);
  m.onCurrentPageChanged.add(() => {
    stopSpeaking();
    progress(m);
    window.scrollTo({ top: 0 });
  });
  m.onComplete.add((sender) => void complete(sender.data));
  return m;
}

/** "第 2 题，共 7 题" above the question in large-type mode. */
function progress(m: SurveyModel) {
  const el = $("progress");
  if (!el) return;
  const current = m.currentSingleQuestion;
  el.hidden = !large || !current;
  if (!current) return;
  const all = m.getAllQuestions(true);
  el.textContent = `第 ${all.indexOf(current) + 1} 题，共 ${all.length} 题`;
}

function show(mountFresh: boolean) {
  if (!root) return;
  if (mountFresh) {
    const data = model ? { ...model.data } : {};
    const page = model ? model.currentPageNo : 0;
    model = buildModel(data, page);
  }
  renderSurvey(model, root);
  progress(model);
}

function setLarge(on: boolean) {
  large = on;
  document.documentElement.classList.toggle("large", on);
  const toggle = $("large-toggle");
  toggle?.setAttribute("aria-pressed", String(on));
  if (toggle) toggle.textContent = on ? "标准模式" : "大字模式";
  rememberLarge(on);
  if (!$("thanks")?.hidden) return;
  show(true);
}

async function complete(answers: Record<string, unknown>) {
  stopSpeaking();
  const id = newResponseId();
  const body = {
    surveyId: config.surveyId,
    surveyVersion: config.version,
    orgUnit: config.orgUnit,
    answers,
    mode: config.mode,
    submittedAt: new Date().toISOString(),
  };
  enqueue({ id, body, savedAt: Date.now(), tries: 0 });
  if (root) root.hidden = true;
  const bar = $("progress");
  if (bar) bar.hidden = true;
  const sent = config.mode === "assisted" ? "已提交。" : "您的意见已提交成功。";
  await sendShowingThanks(config.endpoint, id, sent);
  if (config.mode === "assisted") {
    entered += 1;
    const count = $("entered-count");
    if (count) count.textContent = String(entered);
  }
}

function nextEntry() {
  const thanks = $("thanks");
  if (thanks) thanks.hidden = true;
  if (root) root.hidden = false;
  model = buildModel();
  renderSurvey(model, root!);
  progress(model);
  window.scrollTo({ top: 0 });
}

/** The SurveyJS stylesheet is loaded without blocking the first paint; the form waits for it. */
function stylesReady(): Promise<void> {
  const link = document.getElementById("survey-css") as HTMLLinkElement | null;
  if (!link || link.sheet) {
    if (link) link.media = "all";
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      link.media = "all";
      resolve();
    };
    link.addEventListener("load", done, { once: true });
    link.addEventListener("error", done, { once: true });
  });
}

async function start() {
  if (!root) return;
  await stylesReady();
  document.documentElement.classList.toggle("large", large);
  const toggle = $("large-toggle");
  toggle?.setAttribute("aria-pressed", String(large));
  if (toggle) {
    toggle.textContent = large ? "标准模式" : "大字模式";
    toggle.addEventListener("click", () => setLarge(!large));
  }
  $("next-entry")?.addEventListener("click", nextEntry);
  $("logout")?.addEventListener("click", async () => {
    await fetch("/api/v1/auth/logout", { method: "POST", credentials: "same-origin" }).catch(
      () => {},
    );
    location.reload();
  });
  root.textContent = "";
  model = buildModel();
  renderSurvey(model, root);
  progress(model);
  startRetrying(config.endpoint);
}

void start();
