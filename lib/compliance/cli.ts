/**
 * `npm run --silent compliance:deadlines < input.json`: reads one JSON deadline input on stdin and
 * prints the computed deadlines as one JSON document (exit 0), or a one-line JSON error naming the
 * bad field (exit 2). The contract is in `runDeadlinesCli` (cli-handler.ts); the engine is the one
 * the app uses.
 */
import { internalErrorOutcome, runDeadlinesCli, type CliOutcome } from "./cli-handler";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

let outcome: CliOutcome;
try {
  outcome = runDeadlinesCli(await readStdin());
} catch (error) {
  outcome = internalErrorOutcome(error);
}
process.stdout.write(`${outcome.stdout}\n`);
process.exitCode = outcome.exitCode;
