import { describe, expect, it } from "vitest";
import { csvField, csvRow, csvText } from "@/lib/admin/csv";

describe("CSV (RFC 4180)", () => {
  it("leaves plain fields alone and ends a row with CRLF", () => {
    expect(csvRow(["abc", 12, "2026-01-01T00:00:00.000Z", undefined, null])).toBe(
      "abc,12,2026-01-01T00:00:00.000Z,,\r\n",
    );
  });
  it("quotes commas, quotes, CR and LF, doubling inner quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });
  it("keeps UTF-8 text as is", () => {
    expect(csvField("Zoë — 東京")).toBe("Zoë — 東京");
  });
  it("writes server-made values exactly, even an id that starts with - or =", () => {
    expect(csvField("-d13vOkqOv")).toBe("-d13vOkqOv");
    expect(csvField("=abc")).toBe("=abc");
  });
  it("text a person typed never runs as a formula: a leading = + - @ tab or CR gets a quote mark", () => {
    for (const typed of ['=HYPERLINK("http://x")', "+1 555", "-2+3", "@SUM(A1)", "\tx", "\rx"])
      expect(csvText(typed)).toBe(`'${typed}`);
    expect(csvText("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvText("ada=1@example.com")).toBe("ada=1@example.com");
    expect(csvText(undefined)).toBeUndefined();
    expect(csvRow([csvText("=1+1, two")])).toBe(`"'=1+1, two"\r\n`);
  });
});
