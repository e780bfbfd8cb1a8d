// What a reverted session shows. While `Session.revert` is set, the messages from the revert
// point on are undone (their file changes rolled back) but still stored until the next prompt
// or an unrevert; the transcript hides them and the banner counts them.
//
// Message ids sort in creation order (the server makes them so, and the store keeps each
// session's ids sorted), so "from the revert point on" is every id >= revert.messageID. That
// also holds when the revert message itself is not loaded yet (older than the tail page).
import { lowerBound } from "../../lib/sorted";

/** The part of `Session.revert` these helpers read. */
export interface RevertPoint {
  messageID: string;
}

const self = (id: string) => id;

function cut(messageIds: readonly string[], revert: RevertPoint): number {
  return lowerBound(messageIds, revert.messageID, self);
}

/**
 * The messages to show: those before the revert point. Without a revert, the same array (so a
 * memo over it does not see a change).
 */
export function visibleAfterRevert(
  messageIds: readonly string[],
  revert: RevertPoint | null | undefined,
): readonly string[] {
  if (!revert) return messageIds;
  const at = cut(messageIds, revert);
  return at === messageIds.length ? messageIds : messageIds.slice(0, at);
}

/** How many loaded messages the revert took back (the revert message and all after it). */
export function revertedCount(
  messageIds: readonly string[],
  revert: RevertPoint | null | undefined,
): number {
  if (!revert) return 0;
  return messageIds.length - cut(messageIds, revert);
}

/** Whether a message is at or after the revert point (for dimming instead of hiding). */
export function isReverted(messageId: string, revert: RevertPoint | null | undefined): boolean {
  return revert ? messageId >= revert.messageID : false;
}
