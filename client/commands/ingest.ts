/** Output of `cvp ingest`: per-file reconciliation and the cleaning counts. */
import type { DataWorkflowResult } from '../../workflows/data.workflow';
import { table } from '../format';

/** The reconciliation table (read = accepted + rejected + duplicates) and what cleaning did. */
export function formatIngest(result: DataWorkflowResult): string {
  const rows = result.ingested.map((r) => [
    r.file.split('/').pop() ?? r.file,
    r.mapping,
    String(r.rowsRead),
    String(r.accepted),
    String(r.rejected),
    String(r.duplicates),
    r.rowsRead === r.accepted + r.rejected + r.duplicates ? 'yes' : 'NO',
    r.alreadyIngested ? 'already ingested' : '',
  ]);
  const out = [`Dataset ${result.dataset}`, table(['file', 'mapping', 'read', 'accepted', 'rejected', 'duplicates', 'reconciles', ''], rows)];
  if (result.ingested.some((r) => r.rejected > 0)) out.push('Rejected rows keep file, line, reason and raw text in the rejected_rows table.');
  const c = result.cleaned;
  if (c) {
    const flags = Object.entries(c.flags)
      .filter(([k]) => k !== 'outlier_cap')
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    out.push(
      '',
      `Cleaned: ${c.lines} order lines (${flags || 'no flags'})`,
      `  ${c.customerDays} customer-days of ${c.customers} customers; activity rows ${c.activity.customers}, products ${c.activity.products}, sessions ${c.activity.sessions}`,
    );
  }
  return out.join('\n');
}
