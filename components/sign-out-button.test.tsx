// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignOutButton } from "./sign-out-button";
import { renderWithIntl } from "./testing/render";

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

describe("SignOutButton (issue 9 §2: unsaved plan text is cleared on sign-out)", () => {
  it("removes every plan backup from this browser, keeps other settings, then signs out", async () => {
    window.localStorage.setItem("planpath:draft:u1:v1", "{}");
    window.localStorage.setItem("planpath:draft:v2", "{}");
    window.localStorage.setItem("planpath:locale", "es");
    const action = vi.fn(async () => ({ ok: true as const, data: null }));
    await renderWithIntl(<SignOutButton action={action} />);
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(Object.keys(window.localStorage)).toEqual(["planpath:locale"]);
    await vi.waitFor(() => expect(action).toHaveBeenCalledTimes(1));
  });
});
