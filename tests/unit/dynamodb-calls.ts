// Which DynamoDB calls the deployed app's code makes, read from its source: every file reachable by
// import from app/, components/, proxy.ts and instrumentation.ts (so scripts/ and tests/ are left out),
// each use of a command, paginator or waiter of the AWS SDK, and the top-level declaration it sits in.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

const root = resolve(__dirname, "../..");
const sdk = new Set(["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"]);
const sends = /^(\w+Command|paginate\w+|waitUntil\w+)$/;

/** The document client's commands are named for the operation without "Item"; the low-level ones are not. */
const documentClient: Record<string, string> = {
  GetCommand: "GetItem",
  PutCommand: "PutItem",
  UpdateCommand: "UpdateItem",
  DeleteCommand: "DeleteItem",
  BatchGetCommand: "BatchGetItem",
  BatchWriteCommand: "BatchWriteItem",
  TransactGetCommand: "TransactGetItems",
  TransactWriteCommand: "TransactWriteItems",
  QueryCommand: "Query",
  ScanCommand: "Scan",
  paginateQuery: "Query",
  paginateScan: "Scan",
};

/** The IAM action an SDK name sends: `GetCommand` → `dynamodb:GetItem`, `DescribeTableCommand` → `dynamodb:DescribeTable`. */
export function actionOf(name: string, from: string): string {
  const operation =
    from === "@aws-sdk/lib-dynamodb"
      ? documentClient[name]
      : name === "waitUntilTableExists" || name === "waitUntilTableNotExists"
        ? "DescribeTable"
        : /^(\w+)Command$/.exec(name)?.[1];
  if (operation === undefined) throw new Error(`tests/unit/dynamodb-calls.ts: map ${name} of ${from}`);
  return `dynamodb:${operation}`;
}

/** A use of an SDK name that sends a request: where, in which top-level declaration, and its action. */
export type Call = { file: string; declaration: string; name: string; action: string };
/** A reference to a name exported by one of the app's own files, and the declaration it sits in. */
export type Reference = { file: string; declaration: string; name: string };

function resolveImport(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith("@/")
    ? join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? resolve(from, "..", specifier)
      : undefined;
  if (base === undefined) return undefined;
  return [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")].find(
    (f) => existsSync(f) && statSync(f).isFile(),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

/** The name of the top-level statement a node sits in (a function, a const, an import). */
function declarationOf(node: ts.Node): string {
  let top = node;
  while (top.parent && !ts.isSourceFile(top.parent)) top = top.parent;
  if (ts.isFunctionDeclaration(top) || ts.isClassDeclaration(top)) return top.name?.text ?? "(anonymous)";
  if (ts.isVariableStatement(top))
    return top.declarationList.declarations.map((d) => d.name.getText()).join(", ");
  return ts.SyntaxKind[top.kind];
}

/** Every call of the SDK, and every reference to `watched` names, in the files the app runs. */
export function scanApp(watched: string[]): { files: string[]; calls: Call[]; references: Reference[] } {
  const entries = [
    ...sourceFiles(join(root, "app")),
    ...sourceFiles(join(root, "components")),
    join(root, "proxy.ts"),
    join(root, "instrumentation.ts"),
  ];
  const seen = new Set<string>();
  const calls: Call[] = [];
  const references: Reference[] = [];
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const file = relative(root, path);
    const text = readFileSync(path, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      const target = resolveImport(path, specifier!);
      if (target) queue.push(target);
    }
    // Only a file that names the SDK or a watched name is parsed (parsing them all costs seconds).
    if (!text.includes("@aws-sdk/") && !watched.some((name) => text.includes(name))) continue;
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const fromSdk = new Map<string, string>(); // local name → package
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const pkg = statement.moduleSpecifier.text;
      const named = statement.importClause?.namedBindings;
      if (sdk.has(pkg) && named && ts.isNamedImports(named) && !statement.importClause?.isTypeOnly)
        for (const el of named.elements) if (!el.isTypeOnly) fromSdk.set(el.name.text, pkg);
    }
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && !ts.isImportSpecifier(node.parent)) {
        const pkg = fromSdk.get(node.text);
        if (pkg && sends.test(node.text))
          calls.push({
            file,
            declaration: declarationOf(node),
            name: node.text,
            action: actionOf(node.text, pkg),
          });
        if (watched.includes(node.text))
          references.push({ file, declaration: declarationOf(node), name: node.text });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { files: [...seen].map((p) => relative(root, p)).sort(), calls, references };
}
