/** The address links in e-mails and calendar feeds point to (`APP_URL`, else localhost on `PORT`). */
export function appUrl(): string {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
