/** overall.n = 0: nothing to measure the model against, and how to get something. */
export function EmptyReport() {
  return (
    <section className="report-empty" data-testid="report-empty" aria-labelledby="report-empty-title">
      <h2 id="report-empty-title">No unbiased labels in this period</h2>
      <p>
        The model is measured only against human calls made without its suggestion in view; decisions made
        with the suggestion visible are anchored by it. Unbiased labels come from:
      </p>
      <ul>
        <li>reviews at the Human only level (the model runs in shadow);</li>
        <li>blind first reads (set a blind-first-read share in the policy);</li>
        <li>audit picks of auto-decided items (set an audit rate);</li>
        <li>double reviews, whose second read is blind;</li>
        <li>
          past inspection records: <code>npx loupe import --labels</code>.
        </li>
      </ul>
      <p className="muted">Or widen the period or clear a filter.</p>
    </section>
  );
}
