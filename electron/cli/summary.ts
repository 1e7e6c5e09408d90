// What the CLI prints about one import: the JSON summary (`--json`, one object per import) and the
// text for a person; `import` and `watch` print the same shapes.
import type { ImportSummary } from '../../shared/importing.js';

export function jsonSummary(s: ImportSummary) {
  return {
    status: s.status,
    import_id: s.import_id,
    rows_read: s.rows_read,
    accepted: s.accepted,
    duplicates: s.duplicates,
    rejected: s.rejected,
    rejected_by_reason: s.rejected_by_reason,
    warnings_by_reason: s.warnings_by_reason,
    files: s.files,
    imported_files: s.file_records.filter((f) => f.status === 'imported').map((f) => f.path),
    failed_files: s.file_records.filter((f) => f.status === 'failed').map((f) => ({ path: f.path, error_code: f.error_code, message: f.error_message })),
    seconds: s.seconds,
  };
}

export function textSummary(s: ImportSummary): string {
  const lines = [
    `Import ${s.status}: ${s.files.imported} imported, ${s.files.unchanged} unchanged, ${s.files.failed} failed, ${s.files.ignored} ignored (${s.seconds.toFixed(1)} s)`,
    `Rows: ${s.rows_read} read, ${s.accepted} accepted, ${s.duplicates} duplicates, ${s.rejected} rejected ${JSON.stringify(s.rejected_by_reason)}, warnings ${JSON.stringify(s.warnings_by_reason)}`,
  ];
  for (const f of s.file_records) if (f.status === 'failed') lines.push(`Failed: ${f.path}: ${f.error_message}`);
  return lines.join('\n');
}
