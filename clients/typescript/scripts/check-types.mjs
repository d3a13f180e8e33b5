// Type-level tests: tests/types/ok.ts must compile; each tests/types/bad-*.ts must fail with an error on the
// line marked `// expect-error` (and nowhere else), so a bad file that fails for an unrelated reason fails too.
// Every file is checked twice: against src/ and against the built dist/*.d.ts that consumers see.
//
// generated-*.ts use the bindings the C# source generator wrote for the TodoApp sample
// (samples/TodoApp/client/live.generated.ts). They are copied to tests/types/generated/ first, with the
// "@live/client" import pointed at this package's sources, so the copy type-checks like any test file here.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

const root = resolve(import.meta.dirname, "..");
const dir = join(root, "tests", "types");
const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const options = { ...config.options, noEmit: true, rootDir: root, types: [] };
const generatedSource = resolve(root, "..", "..", "samples", "TodoApp", "client", "live.generated.ts");
if (!existsSync(generatedSource)) {
  console.error(`${generatedSource} is missing: run \`dotnet build samples/TodoApp\` to generate it.`);
  process.exit(1);
}
const generated = readFileSync(generatedSource, "utf8");
if (!generated.includes('from "@live/client";')) {
  console.error(`${generatedSource} does not import "@live/client"; the generated bindings changed shape.`);
  process.exit(1);
}
mkdirSync(join(dir, "generated"), { recursive: true });
writeFileSync(
  join(dir, "generated", "live.generated.ts"),
  "// Copied by scripts/check-types.mjs from samples/TodoApp/client/live.generated.ts; do not edit.\n" +
    generated.replace('from "@live/client";', 'from "../../../src/index.js";'),
);

const files = readdirSync(dir).filter((f) => f.endsWith(".ts")).sort();
const isBad = (file) => /^(generated-)?bad-/.test(file);
let failures = 0;

if (!existsSync(join(root, "dist", "index.d.ts"))) {
  console.error("dist/index.d.ts is missing: run `npm run build` first.");
  process.exit(1);
}

function hostFor(target) {
  const host = ts.createCompilerHost(options);
  if (target === "src") return host;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes("/tests/")) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const text = ts.sys.readFile(fileName)?.replaceAll("../../src/index.js", "../../dist/index.js");
    return text === undefined ? undefined : ts.createSourceFile(fileName, text, languageVersion);
  };
  return host;
}

function check(file, target) {
  const path = join(dir, file);
  const program = ts.createProgram([path], options, hostFor(target));
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file === undefined || d.file.fileName.includes("/tests/"));
  const lines = diagnostics.map((d) => ({
    file: d.file?.fileName,
    line: d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0,
    text: ts.flattenDiagnosticMessageText(d.messageText, " "),
  }));
  if (!isBad(file)) {
    return lines.length === 0 ? null : `expected no errors, got:\n${lines.map((l) => `    ${l.file}:${l.line} ${l.text}`).join("\n")}`;
  }
  const source = readFileSync(path, "utf8").split(/\r?\n/);
  const expected = source.findIndex((l) => l.includes("// expect-error")) + 1;
  if (expected === 0) return "no line is marked // expect-error";
  const onLine = lines.filter((l) => l.file === path.replaceAll("\\", "/") && l.line === expected);
  const elsewhere = lines.filter((l) => !(l.file === path.replaceAll("\\", "/") && l.line === expected));
  if (onLine.length === 0) return `expected an error on line ${expected}, got ${lines.length ? lines.map((l) => `line ${l.line}: ${l.text}`).join("; ") : "none"}`;
  if (elsewhere.length > 0) return `unexpected errors elsewhere: ${elsewhere.map((l) => `${l.file}:${l.line} ${l.text}`).join("; ")}`;
  return null;
}

let total = 0;
for (const target of ["src", "dist"]) {
  for (const file of files) {
    total++;
    const problem = check(file, target);
    if (problem) {
      failures++;
      console.log(`not ok - ${file} (${target}): ${problem}`);
    } else console.log(`ok - ${file} (${target})`);
  }
}
console.log(`\n${total - failures}/${total} type tests passed`);
process.exit(failures ? 1 : 0);
