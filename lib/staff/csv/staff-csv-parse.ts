// Reading an uploaded staff CSV (csv-parse): UTF-8 with or without a BOM, "," or ";" as the
// separator (whichever the header row uses), the header's columns in any order and any case.
// Problems with the file as a whole come back as one message; problems with a row are the
// import's business (staff-csv-import.ts), shown in that row.
import { CsvError, parse } from "csv-parse/sync";
import { STAFF_CSV_COLUMNS, type StaffCsvColumn } from "./staff-csv-columns.ts";

export const CSV_MAX_BYTES = 2 * 1024 * 1024;
export const CSV_MAX_ROWS = 5_000;

export type CsvRow = { line: number; cells: Partial<Record<StaffCsvColumn, string>> };
export type ParsedCsv = { ok: true; columns: StaffCsvColumn[]; rows: CsvRow[]; delimiter: "," | ";" } | { ok: false; message: string };

const fail = (message: string): ParsedCsv => ({ ok: false, message });

/** The header row's separator: ";" when it has more unquoted semicolons than commas. */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === "\n" || character === "\r")) break;
    else if (!quoted && character === ",") commas++;
    else if (!quoted && character === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

export function parseStaffCsv(bytes: Uint8Array): ParsedCsv {
  if (bytes.byteLength === 0) return fail("The file is empty. Choose a CSV file with a header row.");
  if (bytes.byteLength > CSV_MAX_BYTES) return fail("The file is larger than 2 MB. Split it into smaller files.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.");
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
      // One more than allowed, to tell "too many" apart from "just right" without reading on.
      to: CSV_MAX_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) return fail(`The file could not be read as CSV: ${describeCsvError(error)}`);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return fail("The file is empty. Choose a CSV file with a header row.");
  if (body.length > CSV_MAX_ROWS) return fail(`The file has more than ${CSV_MAX_ROWS.toLocaleString("en")} rows. Split it into smaller files.`);

  const columns: StaffCsvColumn[] = [];
  for (const name of header.record.map((cell) => cell.trim().toLowerCase())) {
    if (!(STAFF_CSV_COLUMNS as readonly string[]).includes(name)) {
      return fail(`Unknown column “${name}” in the header row. The columns are: ${STAFF_CSV_COLUMNS.join(", ")}.`);
    }
    if (columns.includes(name as StaffCsvColumn)) return fail(`The column “${name}” appears twice in the header row.`);
    columns.push(name as StaffCsvColumn);
  }
  if (!columns.includes("email")) return fail("The header row needs an email column.");

  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(columns.map((column, index) => [column, unescapeFormula(record[index] ?? "")])) as CsvRow["cells"],
  }));
  return { ok: true, columns, rows, delimiter };
}

/** The export prefixes cells that look like formulas with "'" (csv-stringify's escape_formulas); an export imports back as it was. */
export function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function describeCsvError(error: CsvError): string {
  const line = (error as CsvError & { lines?: number }).lines;
  const where = line ? ` (line ${line})` : "";
  if (error.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") return `a row has a different number of cells than the header${where}.`;
  if (error.code === "CSV_QUOTE_NOT_CLOSED") return `a quoted cell is never closed${where}.`;
  if (error.code === "CSV_INVALID_CLOSING_QUOTE" || error.code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") return `a quote is misplaced${where}.`;
  return `${error.message.replace(/^Invalid [^:]*: /, "")}`;
}
