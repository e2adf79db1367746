// RFC 4180: CRLF between records, a field quoted when it holds a comma, quote, CR or LF, and a
// quote inside a quoted field doubled. Server-made values (ids, statuses, ISO times) are written
// exactly: an id such as "-d13vOkq" must survive as is. Text a person typed goes through `csvText`
// first, so a spreadsheet shows it and never runs it as a formula.
export function csvField(value: string | number | undefined | null): string {
  const text = value === undefined || value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(fields: (string | number | undefined | null)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** Text a person typed (a buyer's name, email, address): a leading = + - @ tab or CR gets a "'". */
export function csvText(value: string | undefined): string | undefined {
  return value !== undefined && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
