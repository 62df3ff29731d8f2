/**
 * Enhances the server-rendered public form (web/pages/survey-form-page.tsx), which already
 * works without this script: the large-type toggle in place (remembered on the device), one
 * question per screen in large type with 上一题 / 下一题 and "已选：…", read-aloud, the overall
 * item checked before sending, and answers kept on the device until the server has them (the
 * offline queue; the JSON endpoint applies the same rules as the plain POST). No SurveyJS.
 */
import { enqueue, newResponseId, startRetrying } from "./survey-queue.ts";
import { canSpeak, speak, spokenQuestion, stopSpeaking } from "./survey-speech.ts";
import { sendShowingThanks } from "./survey-thanks.ts";

interface FormConfig {
  surveyId: string;
  version: number;
  orgUnit: string;
  endpoint: string;
  /** Per question, each option key's stored value (ratings are numbers). */
  values: Record<string, Record<string, unknown>>;
}

const LARGE_KEY = "s369.survey.large";
const SPEAKER_ICON =
  '<svg aria-hidden="true" viewBox="0 0 24 24" width="1.1em" height="1.1em" fill="currentColor"><path d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"/></svg>';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;
const html = document.documentElement;
const config = JSON.parse($("survey-config")?.textContent ?? "{}") as FormConfig;
const form = $<HTMLFormElement>("survey-form");
const questions = form ? [...form.querySelectorAll<HTMLFieldSetElement>("fieldset.q")] : [];
const prev = $<HTMLButtonElement>("prev");
const next = $<HTMLButtonElement>("next");
const submit = $<HTMLButtonElement>("submit");
const progress = $("progress");
let large = html.classList.contains("large");
let current = 0;

const inputs = (q: HTMLFieldSetElement) => [
  ...q.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea"),
];
const required = (q: HTMLFieldSetElement) => q.querySelector(".req") !== null;

/** The chosen options' texts, or the text typed. */
function chosen(q: HTMLFieldSetElement): string[] {
  return inputs(q).flatMap((i) => {
    if (i instanceof HTMLInputElement && (i.type === "radio" || i.type === "checkbox")) {
      return i.checked ? [i.parentElement?.textContent?.trim() ?? i.value] : [];
    }
    return i.value.trim() === "" ? [] : [i.value.trim()];
  });
}

function showPicked(q: HTMLFieldSetElement) {
  const p = q.querySelector<HTMLElement>(".picked");
  if (!p || q.dataset.kind === "text" || q.dataset.kind === "longtext") return;
  const texts = chosen(q);
  p.hidden = texts.length === 0;
  p.textContent = texts.length > 0 ? `已选：${texts.join("、")}` : "";
}

function setError(q: HTMLFieldSetElement, message: string | null) {
  q.classList.toggle("invalid", message !== null);
  let el = q.querySelector<HTMLElement>(".q-error");
  if (!message) {
    el?.remove();
    q.removeAttribute("aria-describedby");
    return;
  }
  if (!el) {
    el = document.createElement("p");
    el.className = "q-error";
    el.id = `${q.id}-error`;
    const title = q.querySelector(".q-title");
    q.insertBefore(el, title ? title.nextSibling : q.firstChild);
  }
  el.textContent = message;
  q.setAttribute("aria-describedby", el.id);
}

/** One question per screen (large type with script): show question `to`, its buttons below. */
function step(to: number) {
  current = Math.max(0, Math.min(questions.length - 1, to));
  questions.forEach((q, i) => {
    q.classList.toggle("current", i === current);
  });
  const last = current === questions.length - 1;
  if (prev) prev.hidden = current === 0;
  if (next) next.hidden = last;
  if (submit) submit.hidden = !last;
  if (progress) {
    progress.hidden = false;
    progress.textContent = `第 ${current + 1} 题，共 ${questions.length} 题`;
  }
  stopSpeaking();
}

function setStepping(on: boolean) {
  html.classList.toggle("stepping", on);
  if (on) return step(current);
  for (const q of questions) q.classList.remove("current");
  if (prev) prev.hidden = true;
  if (next) next.hidden = true;
  if (submit) submit.hidden = false;
  if (progress) progress.hidden = true;
}

function goTo(to: number) {
  step(to);
  window.scrollTo({ top: 0 });
  questions[current]?.querySelector<HTMLElement>(".q-title")?.focus({ preventScroll: true });
}

function setLarge(on: boolean) {
  large = on;
  html.classList.toggle("large", on);
  const toggle = $<HTMLAnchorElement>("large-toggle");
  if (toggle) {
    toggle.textContent = on ? "标准模式" : "大字模式";
    toggle.href = on ? "?large=0" : "?large=1";
    toggle.setAttribute("aria-pressed", String(on));
  }
  try {
    localStorage.setItem(LARGE_KEY, on ? "1" : "0");
  } catch {
    // private mode: the toggle still works for this visit
  }
  setStepping(on);
}

function addReadAloud(q: HTMLFieldSetElement) {
  const foot = q.querySelector(".q-foot");
  if (!foot || foot.querySelector(".s369-speak")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "s369-speak";
  button.innerHTML = `${SPEAKER_ICON}<span>朗读</span>`;
  button.setAttribute("aria-label", "朗读本题");
  button.addEventListener("click", () => {
    const title = q.querySelector(".q-title")?.firstChild?.textContent ?? "";
    const options = [...q.querySelectorAll(".opt")].map((o) => ({
      text: o.textContent?.trim() ?? "",
      value: o.textContent,
    }));
    speak(spokenQuestion({ title, visibleChoices: options }));
  });
  foot.appendChild(button);
}

function answers(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    const name = q.dataset.name ?? "";
    const values = config.values[name] ?? {};
    const kind = q.dataset.kind;
    const picked = inputs(q).filter((i) =>
      i instanceof HTMLInputElement && (i.type === "radio" || i.type === "checkbox")
        ? i.checked
        : i.value !== "",
    );
    if (picked.length === 0) continue;
    const value = (key: string) => (key in values ? values[key] : key);
    if (kind === "multi") out[name] = picked.map((i) => value(i.value));
    else if (kind === "text" || kind === "longtext") out[name] = picked[0]!.value;
    else out[name] = value(picked[0]!.value);
  }
  return out;
}

/** The required questions left open: marked, listed in the summary, the first one shown. */
function missing(): boolean {
  const open = questions.filter((q) => required(q) && chosen(q).length === 0);
  for (const q of questions) setError(q, open.includes(q) ? "必答题：请选择一项" : null);
  const summary = $("error-summary");
  if (!summary) return open.length > 0;
  summary.hidden = open.length === 0;
  const list = summary.querySelector("ul");
  if (list) {
    list.textContent = "";
    for (const q of open) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = `#${q.id}`;
      a.textContent = `${q.querySelector(".q-title")?.firstChild?.textContent ?? ""}：必答题：请选择一项`;
      li.appendChild(a);
      list.appendChild(li);
    }
  }
  if (open.length > 0) {
    if (html.classList.contains("stepping")) step(questions.indexOf(open[0]!));
    window.scrollTo({ top: 0 });
    summary.focus();
  }
  return open.length > 0;
}

async function send() {
  stopSpeaking();
  const idField = form?.querySelector<HTMLInputElement>('input[name="_id"]');
  const id = idField?.value || newResponseId();
  const body = {
    surveyId: config.surveyId,
    surveyVersion: config.version,
    orgUnit: config.orgUnit,
    answers: answers(),
    mode: "self",
    submittedAt: new Date().toISOString(),
  };
  enqueue({ id, body, savedAt: Date.now(), tries: 0 });
  if (form) form.hidden = true;
  for (const id of ["progress", "error-summary"]) {
    const el = $(id);
    if (el) el.hidden = true;
  }
  await sendShowingThanks(config.endpoint, id, "您的意见已提交成功。");
}

function start() {
  if (!form) return;
  form.addEventListener("change", (e) => {
    const q = (e.target as Element).closest<HTMLFieldSetElement>("fieldset.q");
    if (!q) return;
    showPicked(q);
    if (chosen(q).length > 0) setError(q, null);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!missing()) void send();
  });
  next?.addEventListener("click", () => {
    const q = questions[current];
    if (q && required(q) && chosen(q).length === 0) {
      setError(q, "必答题：请选择一项后再继续");
      q.querySelector<HTMLElement>(".q-title")?.focus();
      return;
    }
    goTo(current + 1);
  });
  prev?.addEventListener("click", () => goTo(current - 1));
  $("large-toggle")?.addEventListener("click", (e) => {
    e.preventDefault();
    setLarge(!large);
  });
  for (const q of questions) {
    showPicked(q);
    if (canSpeak()) addReadAloud(q);
  }
  // A refused POST comes back with its errors: start at the first question marked.
  const firstBad = questions.findIndex((q) => q.classList.contains("invalid"));
  if (firstBad > 0) current = firstBad;
  setStepping(large);
  startRetrying(config.endpoint);
  html.dataset.enhanced = "1";
}

start();
