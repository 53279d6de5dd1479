import {
  computeDeadlines,
  parseDeadlineInput,
  type DeadlineInput,
  type DeadlineResult,
  type InputError,
} from "./engine";

/** What the deadlines CLI prints (without the trailing newline) and its exit code. */
export interface CliOutcome {
  exitCode: 0 | 2;
  stdout: string;
}

function failure(error: InputError): CliOutcome {
  return { exitCode: 2, stdout: JSON.stringify(error) };
}

/**
 * The CLI's answer to a failure nobody planned for: exit 2 and `{"error": "Internal error: ...", "path": ""}`
 * on one line, with only the first line of the message (never a stack trace).
 */
export function internalErrorOutcome(error: unknown): CliOutcome {
  const detail = error instanceof Error ? error.message : String(error);
  return failure({ error: `Internal error: ${detail.split("\n")[0] ?? ""}`, path: "" });
}

/**
 * The whole deadlines CLI minus its I/O: takes the text read from stdin and returns what to print.
 * - valid input: exit 0 and the engine's result as pretty-printed JSON;
 * - unparseable JSON (including empty input): exit 2 and `{"error": "Invalid JSON: ...", "path": ""}`;
 * - invalid input: exit 2 and `{"error": "...", "path": "events.2.date"}` naming the first bad field;
 * - any unexpected failure: see {@link internalErrorOutcome}.
 * Error output is always one line of JSON.
 * @param compute the engine to use; replaceable only so tests can simulate a crash.
 */
export function runDeadlinesCli(
  stdinText: string,
  compute: (input: DeadlineInput) => DeadlineResult = computeDeadlines,
): CliOutcome {
  try {
    let document: unknown;
    try {
      document = JSON.parse(stdinText);
    } catch (error) {
      const detail = error instanceof SyntaxError ? error.message : "unreadable input";
      return failure({ error: `Invalid JSON: ${detail}`, path: "" });
    }
    const parsed = parseDeadlineInput(document);
    if (!parsed.success) return failure(parsed.error);
    return { exitCode: 0, stdout: JSON.stringify(compute(parsed.data), null, 2) };
  } catch (error) {
    return internalErrorOutcome(error);
  }
}
