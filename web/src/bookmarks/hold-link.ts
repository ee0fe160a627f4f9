/**
 * The address that opens the legal-hold form prefilled with a bookmark's cameras, range, title
 * and case reference: `#/admin/holds?cameras=…&from=<UTC ms>&to=<UTC ms>&reason=…&reference=…`
 * (the format the administration's holds tab reads; web/src/admin/hold-model.ts). The part after
 * `#/admin/` is encoded as one route parameter, because the router decodes it once: a title with
 * `&`, `+` or `%` reaches the form intact. An instant bookmark asks for the minute around it,
 * which the form lets the user change.
 */

/** A minute either side of an instant bookmark. */
const AROUND_INSTANT_MS = 60_000;

/**
 * The hold form's address for cameras, a range (an instant when equal), a reason and,
 * optionally, the case reference.
 */
export function holdHref(
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
  reason: string,
  reference: string | null = null,
): string {
  const [from, to] =
    toMs > fromMs ? [fromMs, toMs] : [fromMs - AROUND_INSTANT_MS, fromMs + AROUND_INSTANT_MS];
  const query = new URLSearchParams({
    cameras: cameraIds.join(','),
    from: String(Math.round(from)),
    to: String(Math.round(to)),
    reason,
  });
  if (reference !== null && reference !== '') query.set('reference', reference);
  return `#/admin/${encodeURIComponent(`holds?${query.toString()}`)}`;
}
