/** The editor's share of the width beside the output: at least this much… */
export const SPLIT_MIN = 0.2;
/** …at most this much… */
export const SPLIT_MAX = 0.8;
/** …and this much until the user moves the splitter. */
export const SPLIT_DEFAULT = 0.55;

/** `value` within SPLIT_MIN–SPLIT_MAX; the default for anything that is not a number. */
export function clampSplit(value: number): number {
  return Number.isFinite(value) ? Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, value)) : SPLIT_DEFAULT;
}

/** The sidebar's width in px: at least this much… */
export const SIDEBAR_MIN = 170;
/** …at most this much… */
export const SIDEBAR_MAX = 560;
/** …and this much until the user drags its edge. */
export const SIDEBAR_DEFAULT = 260;

/** `px` within SIDEBAR_MIN–SIDEBAR_MAX, whole; the default for anything that is not a number. */
export function clampSidebar(px: number): number {
  return Number.isFinite(px) ? Math.round(Math.min(SIDEBAR_MAX, Math.max(SIDEBAR_MIN, px))) : SIDEBAR_DEFAULT;
}
