/**
 * The rectification forms (web/client/lib/rectification-actions.ts posts them to the API): the
 * unit's progress form (measures, note, photos or PDF, save or submit for verification) and the
 * verifier's decision form (verify, return with a reason, extend once with a reason).
 */
import type { TaskDetailView } from "../pages/rectification-model.ts";

export function WorkForm(props: { t: TaskDetailView; maxFileMb: number }) {
  const t = props.t;
  return (
    <form class="taskform" id="task-work" data-testid="task-work" data-task={String(t.id)}>
      <label for="work-measures">
        整改措施 <span class="hint">（提交验收时必填；填写后替换原有措施）</span>
      </label>
      <textarea id="work-measures" name="measures" rows={4} maxlength={4000}>
        {t.measures}
      </textarea>
      <label for="work-note">进展说明</label>
      <textarea id="work-note" name="note" rows={2} maxlength={2000} />
      <label for="work-files">
        整改材料{" "}
        <span class="hint">（照片或 PDF，每个不超过 {props.maxFileMb} MB；手机可直接拍照）</span>
      </label>
      <input
        id="work-files"
        type="file"
        name="files"
        multiple
        accept="image/*,application/pdf"
        data-testid="work-files"
      />
      <div class="buttons">
        <button type="submit" class="btn big" data-submit="0" data-testid="work-save">
          保存进展
        </button>
        <button type="submit" class="btn primary big" data-submit="1" data-testid="work-submit">
          提交验收
        </button>
      </div>
      <p class="status-msg" role="status" aria-live="polite" data-testid="work-status" />
    </form>
  );
}

export function DecideForm(props: { t: TaskDetailView; minDeadline: string }) {
  const t = props.t;
  if (!t.canDecide && !t.canExtend) {
    return t.notDecidable ? <p class="muted small">{t.notDecidable}</p> : null;
  }
  return (
    <form class="taskform" data-testid="task-decide" data-task={String(t.id)}>
      <label for={`decide-note-${t.id}`}>
        验收意见 <span class="hint">（退回或延期须说明理由）</span>
      </label>
      <textarea id={`decide-note-${t.id}`} name="note" rows={2} maxlength={2000} />
      {t.canExtend ? (
        <>
          <label for={`decide-deadline-${t.id}`}>
            新的整改期限 <span class="hint">（仅延期时填写，每项任务只能延期一次）</span>
          </label>
          <input
            id={`decide-deadline-${t.id}`}
            type="date"
            name="newDeadline"
            min={props.minDeadline}
          />
        </>
      ) : null}
      <div class="buttons">
        {t.canDecide ? (
          <>
            <button type="submit" class="btn primary big" data-decision="verify">
              验收销号
            </button>
            <button type="submit" class="btn danger big" data-decision="return">
              退回整改
            </button>
          </>
        ) : null}
        {t.canExtend ? (
          <button type="submit" class="btn big" data-decision="extend">
            延期
          </button>
        ) : null}
      </div>
      <p class="status-msg" role="status" aria-live="polite" data-testid="decide-status" />
    </form>
  );
}
