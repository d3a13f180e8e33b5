// Type-level tests: tests/types/ok.ts must compile; each tests/types/bad-*.ts must fail with an error on the
// line marked `// expect-error` (and nowhere else), so a bad file that fails for an unrelated reason fails too.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

const root = resolve(import.meta.dirname, "..");
const dir = join(root, "tests", "types");
const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const options = { ...config.options, noEmit: true, rootDir: root, types: [] };
const files = readdirSync(dir).filter((f) => f.endsWith(".ts")).sort();
let failures = 0;

function check(file) {
  const path = join(dir, file);
  const program = ts.createProgram([path], options);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file === undefined || d.file.fileName.includes("/tests/"));
  const lines = diagnostics.map((d) => ({
    file: d.file?.fileName,
    line: d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0,
    text: ts.flattenDiagnosticMessageText(d.messageText, " "),
  }));
  if (file === "ok.ts" || !file.startsWith("bad-")) {
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

for (const file of files) {
  const problem = check(file);
  if (problem) {
    failures++;
    console.log(`not ok - ${file}: ${problem}`);
  } else console.log(`ok - ${file}`);
}
console.log(`\n${files.length - failures}/${files.length} type tests passed`);
process.exit(failures ? 1 : 0);
