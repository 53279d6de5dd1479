// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SectionAccommodations } from "@/lib/dto/delivery";
import { CLASS_LOG_UNDO_MS } from "@/lib/validation/delivery";
import { renderWithIntl } from "../testing/render";
import { AccommodationBoard, type BoardActions } from "./accommodation-board";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

const SECTION = "11111111-1111-4111-8111-111111111111";
const BATCH = "22222222-2222-4222-8222-222222222222";
const section: SectionAccommodations = {
  sectionId: SECTION,
  name: "English 9",
  period: "2",
  schoolName: "Oak High",
  isSchoolDay: true,
  students: [],
};

function actions(): BoardActions {
  return {
    acknowledge: vi.fn(),
    log: vi.fn(),
    logClass: vi.fn(async () => ({ ok: true as const, data: { logged: 3, batchId: BATCH } })),
    undoClass: vi.fn(async () => ({ ok: true as const, data: { retracted: 3 } })),
  };
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("AccommodationBoard: undo of a whole-class log (issue 14)", () => {
  it("offers Undo after a whole-class log and withdraws that batch", async () => {
    const a = actions();
    await renderWithIntl(<AccommodationBoard sections={[section]} date="2026-11-30" actions={a} />);
    fireEvent.click(screen.getByRole("button", { name: "Log every remaining in-class accommodation as provided" }));
    const undo = await screen.findByRole("button", { name: "Undo" });
    expect(screen.getByText("3 entries logged as provided.")).toBeTruthy();
    fireEvent.click(undo);
    expect(await screen.findByText("3 entries withdrawn.")).toBeTruthy();
    expect(a.undoClass).toHaveBeenCalledWith({ sectionId: SECTION, batchId: BATCH });
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
  });

  it("takes the Undo button away when the window has passed", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    await renderWithIntl(<AccommodationBoard sections={[section]} date="2026-11-30" actions={actions()} />);
    fireEvent.click(screen.getByRole("button", { name: "Log every remaining in-class accommodation as provided" }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(screen.getByRole("button", { name: "Undo" })).toBeTruthy();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(CLASS_LOG_UNDO_MS);
    });
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
    expect(screen.getByText("3 entries logged as provided.")).toBeTruthy();
  });
});
