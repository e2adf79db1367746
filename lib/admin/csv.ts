// RFC 4180: CRLF between records, a field quoted when it holds a comma, quote, CR or LF, and a
// quote inside a quoted field doubled. Values are written exactly (no "'" prefix against spreadsheet
// formulas): the exports hold only server-made values (ids, statuses, ISO times), and an id such as
// "-d13vOkq" must survive as is. Escape formulas before exporting any text a user typed.
export function csvField(value: string | number | undefined | null): string {
  const text = value === undefined || value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(fields: (string | number | undefined | null)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
