export * from "./catalog";
export * from "./record";
