/** The Connecticut school year starting July 1 of `year` (CGS 10-259). */
export function schoolYearBounds(year: number): { from: string; to: string } {
  return { from: `${year}-07-01`, to: `${year + 1}-06-30` };
}

/** The school year (its starting calendar year) that `date` falls in. */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 7 ? year : year - 1;
}
