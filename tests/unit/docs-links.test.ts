// Every relative link in the README and the docs reaches a file that exists, and every #anchor a
// heading of its page (as GitHub spells heading anchors): pages move and headings change, and a
// reader who follows a dead link is lost.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");

/** The README, docs/*.md and each room's README. */
function docFiles(base: string): string[] {
  const inDir = (dir: string, pick: (name: string) => boolean) =>
    existsSync(join(base, dir))
      ? readdirSync(join(base, dir), { withFileTypes: true })
          .filter((e) => pick(e.name))
          .map((e) => join(base, dir, e.name))
      : [];
  return [
    join(base, "README.md"),
    ...inDir("docs", (name) => name.endsWith(".md")),
    ...inDir("lib", () => true)
      .map((dir) => join(dir, "README.md"))
      .filter(existsSync),
  ].filter(existsSync);
}

/** Code is not prose: links and headings inside fences or backticks are not links or headings. */
const withoutFences = (md: string) => md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link's text
    .replace(/<[^>]+>/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, "")
    .replace(/ /g, "-");
}

export function anchorsOf(md: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, text] of withoutFences(md).matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(text!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const [, id] of md.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id!);
  return anchors;
}

export function linksOf(md: string): string[] {
  const prose = withoutFences(md).replace(/`[^`\n]*`/g, "");
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const html = [...prose.matchAll(/<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  return [...inline, ...html];
}

/** "file: link (why)" for every relative link that leads nowhere. */
export function brokenLinks(files: string[], base: string): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const md = readFileSync(file, "utf8");
    for (const link of linksOf(md)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("//")) continue; // https:, mailto:
      const [path = "", anchor] = link.split("#", 2);
      const target = path === "" ? file : resolve(dirname(file), decodeURI(path));
      const where = `${relative(base, file)}: ${link}`;
      if (!existsSync(target)) {
        problems.push(`${where} (no such file)`);
        continue;
      }
      if (anchor && target.endsWith(".md") && !anchorsOf(readFileSync(target, "utf8")).has(anchor))
        problems.push(`${where} (no heading #${anchor} in ${relative(base, target)})`);
    }
  }
  return problems;
}

describe("links in the README and the docs", () => {
  it("every relative link and #anchor resolves", () => {
    const files = docFiles(root);
    expect(files.length).toBeGreaterThan(5);
    expect(brokenLinks(files, root)).toEqual([]);
  });

  it("reports a missing file, a missing heading, and passes a good link", () => {
    const dir = mkdtempSync(join(tmpdir(), "docs-links-"));
    writeFileSync(
      join(dir, "README.md"),
      [
        "# Front `page`",
        "[ok](#front-page) [ok](docs/a.md#the-write-and-more) [ok](docs/a.md#the-write-and-more-1)",
        '[gone](docs/missing.md) [bad anchor](docs/a.md#nowhere) <img src="docs/none.png">',
        "`[not a link](nowhere.md)` [web](https://example.com/x.md)",
        "```",
        "[in a fence](fenced.md)",
        "```",
      ].join("\n"),
    );
    mkdirSync(join(dir, "docs"));
    const a = join(dir, "docs", "a.md");
    writeFileSync(a, "## THE write, and *more*\n\n## THE write, and more\n");

    expect(brokenLinks([join(dir, "README.md"), a], dir)).toEqual([
      "README.md: docs/missing.md (no such file)",
      "README.md: docs/a.md#nowhere (no heading #nowhere in docs/a.md)",
      "README.md: docs/none.png (no such file)",
    ]);
  });
});
