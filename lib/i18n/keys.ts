import type { MessageKeys, Messages, NamespaceKeys, NestedKeyOf, NestedValueOf } from "next-intl";
import type deadlines from "./messages/en/deadlines.json";

/** The id of a deadline rule that has messages (`deadlines.rules.<id>.title`, `.description`). */
export type DeadlineRuleKey = keyof (typeof deadlines)["deadlines"]["rules"];

type AllKeys = NestedKeyOf<Messages>;
type Namespace = NamespaceKeys<Messages, AllKeys>;

/** Every message key of the catalogs, as a full path (`errors.unexpected`). */
export type MessageKey = MessageKeys<Messages, AllKeys>;

/** The message keys inside namespace `NS`, relative to it (`fields.goals` in `plans`). */
export type KeyIn<NS extends Namespace> = MessageKeys<
  NestedValueOf<Messages, NS>,
  NestedKeyOf<NestedValueOf<Messages, NS>>
>;

/**
 * A message key that arrives as data — an action's `formError`, a zod message, a work-queue step, a
 * label picked by a code (`roles.${role}`) — made by our own code from catalog keys. The one place
 * such a string becomes a key for `t` (instead of a cast to `never` at every call); the catalog tests keep
 * every code labelled.
 */
export function messageKey(key: string): MessageKey {
  return key as MessageKey;
}

/** `messageKey` for a translator bound to a namespace: the key relative to `namespace`. */
export function keyIn<NS extends Namespace>(namespace: NS, key: string): KeyIn<NS> {
  void namespace;
  return key as KeyIn<NS>;
}
