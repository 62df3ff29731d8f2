/**
 * 朗读: reads a question aloud with the browser's own speech synthesis (no download, no
 * service). Offered only where the browser has it and a Chinese voice is likely.
 */

export function canSpeak(): boolean {
  return (
    typeof window !== "undefined" &&
    "speechSynthesis" in window &&
    typeof SpeechSynthesisUtterance !== "undefined"
  );
}

function chineseVoice(): SpeechSynthesisVoice | undefined {
  return speechSynthesis.getVoices().find((v) => /^zh(-|_)?(CN|Hans)?/i.test(v.lang));
}

export function speak(text: string) {
  if (!canSpeak()) return;
  speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = "zh-CN";
  u.rate = 0.85;
  const voice = chineseVoice();
  if (voice) u.voice = voice;
  speechSynthesis.speak(u);
}

export function stopSpeaking() {
  if (canSpeak()) speechSynthesis.cancel();
}

/** What a question sounds like: its title, then its options in order. */
export function spokenQuestion(q: {
  title?: string;
  processedTitle?: string;
  visibleRateValues?: { text?: string; value: unknown }[];
  visibleChoices?: { text?: string; value: unknown }[];
}): string {
  const title = q.processedTitle || q.title || "";
  const options = (q.visibleRateValues ?? q.visibleChoices ?? [])
    .map((o) => o.text || String(o.value))
    .filter((t) => t !== "");
  return options.length > 0 ? `${title}。可以选：${options.join("，")}。` : `${title}。`;
}
