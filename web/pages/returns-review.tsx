import type { ReviewFormView, ReviewView } from "./returns-model.ts";

/** Styles of the review parts (on top of RETURNS_CSS). */
export const REVIEW_CSS = `
.pill.rev-pending { background: #e4e7eb; color: #323f4b; }
.pill.rev-approved { background: #c6f7e2; color: #014d40; }
.pill.rev-returned { background: #ffe3e3; color: #610316; }
.rev-reason { margin: 4px 0 0; font-size: 14px; color: #610316; overflow-wrap: anywhere; }
.rev-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.rev-list > li { border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.rev-list dl { display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 6px 0; font-size: 13px; }
.rev-list dl > div { display: flex; }
.rev-list dt { color: var(--muted); }
.rev-list dd { margin: 0 0 0 4px; font-weight: 600; }
.rev-form { display: grid; gap: 8px; margin-top: 8px; }
.rev-form label { font-weight: 600; }
.rev-form textarea { width: 100%; box-sizing: border-box; font: inherit; font-size: 16px; padding: 8px; min-height: 64px; border: 1px solid #7b8794; border-radius: 4px; }
.rev-form .buttons { display: flex; flex-wrap: wrap; gap: 8px; }
.btn.danger { background: #fff; color: #ab091e; border-color: #ab091e; }
`;

/** A filed return's review: 待审核 / 已通过 / 已退回, with the reason of a return sent back. */
export function ReviewStatus(props: { review: ReviewView | null }) {
  const r = props.review;
  if (!r) return null;
  return (
    <>
      {" "}
      <span class={`pill rev-${r.state}`} data-testid="review-state" data-review={r.state}>
        {r.label}
      </span>
      {r.state === "returned" && r.reason ? (
        <p class="rev-reason" data-testid="review-reason">
          退回原因：{r.reason}
          <span class="small muted">
            {" "}
            （{r.by}，{r.at}）
          </span>
        </p>
      ) : null}
    </>
  );
}

/** The street leader's review: each filed return with its figures, 通过 and 退回 (with a reason). */
export function ReviewList(props: { reviews: ReviewFormView[] }) {
  return (
    <section class="card" data-testid="returns-review">
      <h2>审核各社区填报</h2>
      {props.reviews.length === 0 ? (
        <p class="muted">暂无可审核的填报：社区报送后在此审核。</p>
      ) : (
        <ul class="rev-list">
          {props.reviews.map((r) => (
            <li data-testid="review-item" data-code={r.code}>
              <strong>{r.name}</strong> <span class="small muted">{r.code}</span>{" "}
              <span class="pill">{r.stateLabel}</span>
              <ReviewStatus review={r.review} />
              <p class="small muted">
                {r.filedBy} 报送于 {r.filedAt}
              </p>
              <dl>
                {r.figures.map((f) => (
                  <div>
                    <dt>{f.label}</dt>
                    <dd>{f.value}</dd>
                  </div>
                ))}
              </dl>
              <form class="rev-form" method="post" action={r.action} data-testid="review-form">
                <input type="hidden" name="unit" value={r.code} />
                <label for={`reason-${r.code}`}>退回原因（退回时必填）</label>
                <textarea id={`reason-${r.code}`} name="reason" maxlength={500} />
                <div class="buttons">
                  <button
                    type="submit"
                    name="decision"
                    value="approved"
                    class="btn primary big"
                    data-testid="review-approve"
                  >
                    通过
                  </button>
                  <button
                    type="submit"
                    name="decision"
                    value="returned"
                    class="btn danger big"
                    data-testid="review-return"
                  >
                    退回
                  </button>
                </div>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
