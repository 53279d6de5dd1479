export * from "./enums";
export * from "./district";
export * from "./people";
export * from "./roster";
export * from "./audit";
export * from "./deadlines";
export * from "./notifications";
