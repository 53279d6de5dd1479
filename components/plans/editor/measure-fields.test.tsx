// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DraftForEdit } from "@/lib/dto/plans";
import { emptyContent, type IepContent } from "@/lib/validation/plans";
import { renderWithIntl } from "../../testing/render";
import { PlanEditor, type PlanEditorActions } from "./plan-editor";

const GOAL = "66666666-6666-4666-8666-666666666666";

function iepDraft(): DraftForEdit {
  const content: IepContent = {
    ...emptyContent("iep"),
    goals: [
      {
        id: GOAL,
        area: "reading",
        text: "Reads grade-level passages accurately.",
        baseline: "89% accuracy (a free-text baseline written before measures)",
        target: "95%",
        measurement: "Oral reading probe",
        schedule: "Every two weeks",
        objectives: [],
      },
    ],
  };
  return {
    plan: { id: "44444444-4444-4444-8444-444444444444", type: "iep" },
    student: { id: "55555555-5555-4555-8555-555555555555", name: "Ada Lovelace", birthDate: "2015-03-01" },
    version: {
      id: "33333333-3333-4333-8333-333333333333",
      number: 1,
      content,
      lockVersion: 1,
      savedAt: new Date(Date.UTC(2026, 10, 2)).toISOString(),
      savedBy: "Case Manager",
    },
    providers: [],
    transitionAge: 14,
  };
}

function actions(): PlanEditorActions {
  return {
    save: vi.fn(async () => ({ ok: true as const, data: { lockVersion: 2, savedAt: new Date().toISOString() } })),
    searchAccommodationBank: vi.fn(async () => ({ ok: true as const, data: [] })),
    searchGoalBank: vi.fn(async () => ({ ok: true as const, data: [] })),
  };
}

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

describe("the goal editor's structured measure (PM-1)", () => {
  it("keeps the free-text baseline, suggests a measure, checks it as typed and autosaves it", async () => {
    const a = actions();
    await renderWithIntl(<PlanEditor draft={iepDraft()} userId="11111111-1111-4111-8111-111111111111" actions={a} />);
    expect((screen.getByLabelText("Baseline") as HTMLInputElement).value).toContain("free-text baseline");
    expect(screen.getByText(/Give this goal a structured measure/)).toBeTruthy();
    expect(screen.queryByLabelText("Target value")).toBeNull();

    fireEvent.change(screen.getAllByLabelText("Unit of measure")[0]!, { target: { value: "percent" } });
    fireEvent.change(screen.getByLabelText("Baseline value"), { target: { value: "89" } });
    fireEvent.change(screen.getByLabelText("Baseline date"), { target: { value: "2026-09-15" } });
    fireEvent.change(screen.getByLabelText("Target value"), { target: { value: "80" } });
    await waitFor(() =>
      expect(screen.getByText("Higher is progress, so the target must be above the baseline.")).toBeTruthy(),
    );

    fireEvent.change(screen.getByLabelText("Target value"), { target: { value: "95" } });
    await waitFor(() =>
      expect(screen.queryByText("Higher is progress, so the target must be above the baseline.")).toBeNull(),
    );
    await waitFor(
      () => {
        const calls = (a.save as ReturnType<typeof vi.fn>).mock.calls;
        const last = calls[calls.length - 1]?.[0] as { content: IepContent } | undefined;
        expect(last?.content.goals[0]!.measure).toEqual({
          unit: "percent",
          direction: "increase",
          baselineValue: "89",
          baselineDate: "2026-09-15",
          targetValue: "95",
          rubricLevels: [],
        });
      },
      { timeout: 6000 },
    );
  });
});
