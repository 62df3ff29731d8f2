/**
 * Answers never get lost on a bad connection: each completed form is written to localStorage
 * first, then sent; what could not be sent (offline, server error, rate limit, signed out) is
 * sent again on the next page load, when the browser comes back online, and after a back-off
 * while the page stays open. The client-generated id makes every re-send idempotent.
 */

const KEY = "s369.survey.pending.v1";
/** A form kept this long without getting through is given up. */
const MAX_AGE_MS = 30 * 86_400_000;

export interface PendingResponse {
  id: string;
  body: Record<string, unknown>;
  savedAt: number;
  tries: number;
}

export type SendOutcome =
  | { state: "sent" }
  | { state: "kept"; retryAfterMs: number; reason: "offline" | "server" | "busy" | "signin" }
  | { state: "rejected"; detail: string };

let memory: PendingResponse[] = [];

function load(): PendingResponse[] {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as PendingResponse[]) : memory;
  } catch {
    return memory; // storage disabled (private mode): keep in memory for this visit
  }
}

function save(list: PendingResponse[]) {
  memory = list;
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // quota or private mode: the in-memory copy still retries while the page is open
  }
}

/** A random UUID v4; `crypto.randomUUID` exists only on HTTPS pages, getRandomValues everywhere. */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === "function" && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function enqueue(p: PendingResponse) {
  save([...load().filter((x) => x.id !== p.id), p]);
}

export function pendingCount(): number {
  return load().length;
}

async function sendOne(endpoint: string, p: PendingResponse): Promise<SendOutcome> {
  const backoff = Math.min(300_000, 15_000 * 2 ** Math.min(p.tries, 5));
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...p.body, id: p.id }),
      credentials: "same-origin",
      keepalive: true,
    });
  } catch {
    return { state: "kept", retryAfterMs: backoff, reason: "offline" };
  }
  if (res.ok) return { state: "sent" };
  if (res.status === 429) {
    const after = Number(res.headers.get("retry-after"));
    return {
      state: "kept",
      retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : backoff,
      reason: "busy",
    };
  }
  if (res.status === 401) return { state: "kept", retryAfterMs: backoff, reason: "signin" };
  if (res.status >= 500 || res.status === 408)
    return { state: "kept", retryAfterMs: backoff, reason: "server" };
  let detail = `HTTP ${res.status}`;
  try {
    const problem = (await res.json()) as {
      detail?: string;
      errors?: { path: string; message: string }[];
    };
    detail = [problem.detail, ...(problem.errors ?? []).map((e) => `${e.path}: ${e.message}`)]
      .filter(Boolean)
      .join("; ");
  } catch {
    // not JSON: keep the status
  }
  return { state: "rejected", detail };
}

let timer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<Map<string, SendOutcome>> | null = null;

/**
 * Sends every kept form, oldest first, and schedules the next try for what is left. Stops at
 * the first network failure (the rest would fail too). Returns each id's outcome.
 */
export function flushQueue(endpoint: string): Promise<Map<string, SendOutcome>> {
  flushing ??= (async () => {
    const outcomes = new Map<string, SendOutcome>();
    let wait: number | null = null;
    for (const p of load()) {
      if (Date.now() - p.savedAt > MAX_AGE_MS) {
        save(load().filter((x) => x.id !== p.id));
        continue;
      }
      const out = await sendOne(endpoint, p);
      outcomes.set(p.id, out);
      if (out.state === "kept") {
        save(load().map((x) => (x.id === p.id ? { ...x, tries: x.tries + 1 } : x)));
        wait = wait === null ? out.retryAfterMs : Math.min(wait, out.retryAfterMs);
        if (out.reason === "offline" || out.reason === "busy") break;
      } else {
        save(load().filter((x) => x.id !== p.id));
      }
    }
    clearTimeout(timer);
    if (wait !== null) timer = setTimeout(() => void flushQueue(endpoint), wait);
    return outcomes;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Retries kept forms now and whenever the browser reports it is back online. */
export function startRetrying(endpoint: string) {
  window.addEventListener("online", () => void flushQueue(endpoint));
  if (load().length > 0) void flushQueue(endpoint);
}
