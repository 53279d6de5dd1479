import { readFileSync } from "node:fs";
import { acknowledgeVersion, logImplementation } from "@/lib/dal/delivery";
import { activateVersion } from "@/lib/dal/plans";
import { logImplementationSchema } from "@/lib/validation/delivery";
import { viewerFor } from "./factories";

/**
 * The child process of lib/dal/crash.test.ts (issue 15, "kill the server during a burst"): runs the
 * real data layer — plan activations, acknowledgments and implementation-log entries, six at a time —
 * until it is killed. Before each step it prints `start <kind> <key>`, after its commit `ok <kind> <key>`
 * (stdout to a pipe is synchronous on Linux, so a printed `ok` was committed before the kill).
 * Run with `node --import ./db/testing/server-only-hook.mjs --import tsx`.
 */
interface Plan {
  caseManagerId: string;
  teacherId: string;
  effectiveOn: string;
  toActivate: string[];
  toAcknowledge: string[];
  toLog: Array<{ accommodationId: string; sectionId: string; date: string }>;
}

const plan = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Plan;
const caseManager = await viewerFor({ id: plan.caseManagerId });
const teacher = await viewerFor({ id: plan.teacherId });

type Step = { kind: string; key: string; run: () => Promise<unknown> };
const activations: Step[] = [];
const acks: Step[] = [];
const logs: Step[] = [];
for (const versionId of plan.toActivate) {
  activations.push({
    kind: "activate",
    key: versionId,
    run: () => activateVersion(caseManager, { versionId, effectiveOn: plan.effectiveOn }),
  });
}
for (const versionId of plan.toAcknowledge) {
  acks.push({ kind: "ack", key: versionId, run: () => acknowledgeVersion(teacher, { versionId }) });
}
for (const entry of plan.toLog) {
  logs.push({
    kind: "log",
    key: `${entry.accommodationId}/${entry.date}`,
    run: () => logImplementation(teacher, logImplementationSchema.parse({ ...entry, status: "provided" })),
  });
}

// The kinds interleaved, so that every kind of step is in flight when the process is killed.
const steps: Step[] = [];
for (let i = 0; i < Math.max(activations.length, acks.length, logs.length); i++) {
  for (const list of [activations, acks, logs]) if (list[i]) steps.push(list[i]!);
}

let next = 0;
async function worker(): Promise<void> {
  while (next < steps.length) {
    const step = steps[next++]!;
    process.stdout.write(`start ${step.kind} ${step.key}\n`);
    try {
      await step.run();
      process.stdout.write(`ok ${step.kind} ${step.key}\n`);
    } catch (error) {
      process.stdout.write(`failed ${step.kind} ${step.key} ${(error as Error).message.slice(0, 80)}\n`);
    }
  }
}
await Promise.all(Array.from({ length: 6 }, worker));
process.stdout.write("done\n");
process.exit(0);
