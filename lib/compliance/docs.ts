import { readFileSync, writeFileSync } from "node:fs";
import { withRulesSection } from "./readme-section";

/** `npm run docs:rules`: regenerates the deadline-rules table in README.md from the rule data. */
const file = "README.md";
writeFileSync(file, withRulesSection(readFileSync(file, "utf8")));
console.log("README.md: compliance rules table regenerated");
