import { render, type RenderResult } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement } from "react";
import { loadMessages } from "@/lib/i18n/messages";

/** Renders a client component inside the English message catalog, as the portal does. */
export async function renderWithIntl(ui: ReactElement): Promise<RenderResult> {
  const messages = await loadMessages("en");
  return render(
    <NextIntlClientProvider locale="en" messages={messages} timeZone="America/New_York">
      {ui}
    </NextIntlClientProvider>,
  );
}
