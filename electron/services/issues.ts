// Kept free of imports: the inference worker's bundle uses it (via the manifest) and must not
// pull in the API contract.

/** The part of a zod issue the message needs; structural, so callers need not import zod types. */
export type Issue = { readonly path: readonly PropertyKey[]; readonly message: string };

/**
 * One line for a failed parse: `path: message` per issue, joined by `; `. An issue on the value
 * itself has no path; `rootLabel` names it (e.g. "(root)"), or the bare message is used.
 */
export function formatIssues(issues: readonly Issue[], rootLabel?: string): string {
  return issues
    .map((issue) => {
      const where = issue.path.map(String).join('.') || rootLabel;
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
