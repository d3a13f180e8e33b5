// Removes build output folders so deleted sources never leave stale compiled files behind.
import { rmSync } from "node:fs";
import { resolve } from "node:path";

for (const dir of process.argv.slice(2)) rmSync(resolve(import.meta.dirname, "..", dir), { recursive: true, force: true });
